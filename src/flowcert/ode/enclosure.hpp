// Rigorous enclosures of an ODE solution by the interval Taylor method (over MPFI, or Arb for rechecks).
// Step k from t_k to t_{k+1} = t_k + h (h a short decimal, so every step time is exact):
//   1. an a-priori box B with Y_k + [0, h] f(B, [t_k, t_{k+1}]) inside B (Picard-Lindelof: the solution
//      through any point of Y_k stays in B on the step), found by inflation and iteration;
//   2. y(t_{k+1}) in sum_{j<N} y_j(Y_k, t_k) h^j + y_N(B, [t_k, t_{k+1}]) [0, h]^N, the Taylor coefficients
//      computed in interval arithmetic by the same automatic differentiation as the MPFR integrator.
// The step is shrunk until the remainder's width is below the tolerance. Once the enclosure is relatively
// wide (> lohner_from), the state is also carried as a Lohner set x + A r (lohner.hpp): the mean-value form
// of the Taylor map, with its Jacobian by forward-mode AD (Jet1), in a moving orthogonal frame against the
// wrapping effect; each end box is the intersection of the direct Taylor form and the set's hull.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "flowcert/ode/lohner.hpp"
#include "flowcert/ode/system.hpp"
#include "flowcert/num/scalar.hpp"

namespace flowcert {

template <class T>
struct EnclosureStep {
  Q t0, t1;                       // exact step ends
  std::vector<Mat<T>> start;      // Y_k: encloses y(t_k)
  std::vector<Mat<T>> apriori;    // B: encloses y(t) for t in [t_k, t_{k+1}]
  std::vector<Mat<T>> end;        // Y_{k+1}: encloses y(t_{k+1})
  // Lohner mode (both empty in box mode): `frame` is a set holding y(t_{k+1}); `frame_in`, given on the
  // first step in Lohner mode only, is an identity-frame set holding Y_k (later steps start from the
  // previous step's `frame`).
  LohnerSet<T> frame_in, frame;
};

struct EnclosureOptions {
  unsigned bits = 200;
  // Optional acceptance test of each finished step (e.g. "an Arb recheck confirms it"); on refusal the
  // a-priori box is padded more (x100, up to 4 times) and the step recomputed.
  // `previous` is the Lohner set the step starts from (null in box mode or on its first Lohner step).
  std::function<bool(const EnclosureStep<iv>& step, const LohnerSet<iv>* previous)> accept_step;
  int order = 0;             // 0: about 0.35 x bits
  double tol_digits = 0;     // target local width 10^-tol_digits; 0: from bits
  // Relative width of the enclosure from which the Lohner set is carried (0: from the start; infinity: never).
  double lohner_from = 1e-12;
  long max_steps = 100000;
};

// Encloses the solution from an enclosure y0 of the initial state at t = t0, stopping exactly at every time
// in `stops` (increasing, exact). Stored ends and a-priori boxes are padded slightly (0.1% of their width
// plus 64 ulps) so that a recheck in another arithmetic (Arb) finds its own results inside them;
// each step starts from the padded end of the previous one. Throws DomainError if no a-priori box is
// found or an enclosure becomes unbounded.
template <class T>
std::vector<EnclosureStep<T>> enclose_flow(const OdeSystem& sys, const std::vector<std::pair<int, Mat<Q>>>& constants,
                                           const std::vector<Mat<T>>& y0, const Q& t0, const std::vector<Q>& stops,
                                           const EnclosureOptions& opt);

// Re-validates one step: from `start`, recomputes an enclosure of y(t1) with the stored a-priori box and
// checks that (a) the box satisfies the Picard condition, (b) in Lohner mode, the recomputed coordinates
// of the image of the start set (`frame_in`, else `previous`: the previous step's `frame`) lie inside
// `frame.r`, and (c) the recomputed end (intersected with the hull of `frame`) lies inside `end`.
// Returns an empty string when valid, else the reason.
template <class T>
std::string validate_step(const OdeSystem& sys, const std::vector<std::pair<int, Mat<Q>>>& constants,
                          const EnclosureStep<T>& step, int order, const LohnerSet<T>* previous = nullptr);

// An enclosure of y(t) for every t in [t0 + lo, t0 + hi] (0 <= lo < hi <= t1 - t0) on a validated step:
// sum_{j<N} y_j(start) [lo, hi]^j + y_N(apriori) [lo, hi]^N (Lagrange form: tighter than the a-priori box).
template <class T>
std::vector<Mat<T>> range_enclosure(const OdeSystem& sys, const std::vector<std::pair<int, Mat<Q>>>& constants,
                                    const EnclosureStep<T>& step, const Q& lo, const Q& hi, int order);

// Width of the widest component (as a double, for reports), and containment tests.
template <class T>
double max_width(const std::vector<Mat<T>>& y);

}  // namespace flowcert
