// Integrators for OdeSystem at MPFR precision, both stopping exactly at the requested output times.
//  * taylor_integrate: the Taylor method of order N (default ~1.15 x digits), coefficients by automatic
//    differentiation (TaylorJet); the step is chosen from the last two coefficients so that the truncated
//    terms stay below the tolerance (Jorba & Zou 2005).
//  * extrapolation_integrate: Gragg-Bulirsch-Stoer (modified midpoint with step sequence 2, 4, 6, ...,
//    polynomial extrapolation in h^2), adaptive; it only evaluates f, sharing nothing with the Taylor path
//    but the compiled formula. Used to cross-check every trajectory verdict.
#pragma once
#include <functional>
#include <vector>

#include "flowcert/ode/system.hpp"
#include "flowcert/num/scalar.hpp"

namespace flowcert {

struct IntegrationOptions {
  unsigned digits = 50;      // working precision (set by the caller's PrecisionScope)
  double tol_digits = 48;    // local error tolerance 10^-tol_digits (relative to max(1, |y|))
  int order = 0;             // Taylor order (0: automatic) or extrapolation depth (0: automatic)
  long max_steps = 200000;
};

struct IntegrationResult {
  std::vector<std::vector<Mat<mp>>> states;  // one per output time
  long steps = 0;
  long rejected = 0;
  long evaluations = 0;
};

// Called after every accepted step with (t, y): for checks along the whole trajectory.
using StepObserver = std::function<void(const mp& t, const std::vector<Mat<mp>>& y)>;

IntegrationResult taylor_integrate(const OdeSystem& sys, const std::vector<std::pair<int, Mat<Q>>>& constants,
                                   const std::vector<Mat<mp>>& y0, const mp& t0, const std::vector<mp>& outputs,
                                   const IntegrationOptions& opt, const StepObserver& observe = nullptr);

IntegrationResult extrapolation_integrate(const OdeSystem& sys, const std::vector<std::pair<int, Mat<Q>>>& constants,
                                          const std::vector<Mat<mp>>& y0, const mp& t0, const std::vector<mp>& outputs,
                                          const IntegrationOptions& opt, const StepObserver& observe = nullptr);

}  // namespace flowcert
