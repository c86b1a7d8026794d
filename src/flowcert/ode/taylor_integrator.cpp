#include <cmath>

#include "flowcert/ode/integrator.hpp"
#include "flowcert/ode/taylor_jet.hpp"
#include "flowcert/num/ops.hpp"

namespace flowcert {

namespace {
mp inf_norm(const std::vector<Mat<mp>>& y) {
  mp m(0);
  for (const auto& v : y)
    for (const auto& x : v.v) m = std::max(m, mp(bmp::abs(x)));
  return m;
}
}  // namespace

IntegrationResult taylor_integrate(const OdeSystem& sys, const std::vector<std::pair<int, Mat<Q>>>& constants,
                                   const std::vector<Mat<mp>>& y0, const mp& t0, const std::vector<mp>& outputs,
                                   const IntegrationOptions& opt, const StepObserver& observe) {
  TaylorJet<mp> jet(sys, constants);
  const int N = opt.order > 0 ? opt.order : std::max(8, static_cast<int>(std::ceil(1.15 * opt.tol_digits)) + 2);
  const mp eps = bmp::pow(mp(10), -static_cast<long>(std::lround(opt.tol_digits)));
  IntegrationResult res;
  std::vector<Mat<mp>> y = y0;
  mp t = t0;
  for (const mp& target : outputs) {
    if (target < t) throw DomainError("output times must be increasing");
    while (t < target) {
      if (++res.steps > opt.max_steps) throw DomainError("step limit reached at t = " + to_display(t, 10) + " (stiff or singular flow?)");
      auto c = jet.expand(y, t, N);
      mp scale = std::max(mp(1), inf_norm(y));
      // Step from the last two coefficients: |y_j| h^j <= eps * scale.
      mp h = target - t;
      for (int j : {N - 1, N}) {
        mp nj = inf_norm(c[static_cast<std::size_t>(j)]);
        if (nj > 0) h = std::min(h, mp(bmp::pow(eps * scale / nj, mp(1) / j)));
      }
      if (!(h > 0) || !bmp::isfinite(h)) throw DomainError("Taylor step size underflow at t = " + to_display(t, 10));
      if (t + h > target || target - (t + h) < h * mp(1e-12)) h = target - t;
      // Horner: y(t + h) = sum_k c_k h^k.
      std::vector<Mat<mp>> next = c[static_cast<std::size_t>(N)];
      for (int k = N - 1; k >= 0; --k)
        for (std::size_t v = 0; v < next.size(); ++v)
          for (std::size_t e = 0; e < next[v].v.size(); ++e)
            next[v].v[e] = next[v].v[e] * h + c[static_cast<std::size_t>(k)][v].v[e];
      y = std::move(next);
      t = (h == target - t) ? target : mp(t + h);
      res.evaluations += N;
      if (observe) observe(t, y);
    }
    res.states.push_back(y);
  }
  return res;
}

}  // namespace flowcert
