#include <cmath>

#include "flowcert/num/ops.hpp"
#include "flowcert/ode/integrator.hpp"
#include "flowcert/sym/evaluator.hpp"

namespace flowcert {

namespace {

class Field {
 public:
  Field(const OdeSystem& sys, const std::vector<std::pair<int, Mat<Q>>>& constants, const std::vector<Mat<mp>>& shape)
      : sys_(sys), ev_(sys.prog), shape_(shape) {
    for (const auto& [slot, v] : constants) ev_.set(slot, v);
  }
  std::vector<mp> operator()(const std::vector<mp>& y, const mp& t) {
    ++evaluations;
    auto state = unflatten(y, shape_);
    for (std::size_t v = 0; v < state.size(); ++v)
      if (sys_.state_slots[v] >= 0) ev_.set_value(sys_.state_slots[v], state[v]);
    if (sys_.time_slot >= 0) ev_.set_value(sys_.time_slot, Mat<mp>::of_scalar(t));
    std::vector<mp> out;
    out.reserve(y.size());
    for (std::size_t v = 0; v < state.size(); ++v) {
      const Mat<mp>& f = ev_.value(sys_.field_roots[v]);
      for (std::size_t e = 0; e < state[v].v.size(); ++e) out.push_back(f.scalar ? f.v[0] : f.v.at(e));
    }
    return out;
  }
  long evaluations = 0;

 private:
  const OdeSystem& sys_;
  Evaluator<mp> ev_;
  std::vector<Mat<mp>> shape_;
};

// Modified midpoint rule over [t, t + H] with n substeps (Gragg).
std::vector<mp> midpoint(Field& f, const std::vector<mp>& y, const std::vector<mp>& f0, const mp& t, const mp& H, int n) {
  mp h = H / n;
  std::vector<mp> z0 = y, z1(y.size());
  for (std::size_t i = 0; i < y.size(); ++i) z1[i] = y[i] + h * f0[i];
  for (int m = 1; m < n; ++m) {
    auto fm = f(z1, t + h * m);
    for (std::size_t i = 0; i < y.size(); ++i) {
      mp z2 = z0[i] + 2 * h * fm[i];
      z0[i] = z1[i];
      z1[i] = z2;
    }
  }
  auto fn = f(z1, t + H);
  std::vector<mp> out(y.size());
  for (std::size_t i = 0; i < y.size(); ++i) out[i] = (z1[i] + z0[i] + h * fn[i]) / 2;
  return out;
}

}  // namespace

IntegrationResult extrapolation_integrate(const OdeSystem& sys, const std::vector<std::pair<int, Mat<Q>>>& constants,
                                          const std::vector<Mat<mp>>& y0, const mp& t0, const std::vector<mp>& outputs,
                                          const IntegrationOptions& opt, const StepObserver& observe) {
  Field f(sys, constants, y0);
  // Depth J gives order 2J; enough columns that one step reaches the tolerance with a moderate H.
  const int J = opt.order > 0 ? opt.order : std::max(6, static_cast<int>(std::ceil(opt.tol_digits / 3.0)));
  const mp tol = bmp::pow(mp(10), -static_cast<long>(std::lround(opt.tol_digits)));
  IntegrationResult res;
  std::vector<mp> y = flatten(y0);
  mp t = t0;
  mp H = outputs.empty() ? mp(0) : mp((outputs.back() - t0) / 8);
  for (const mp& target : outputs) {
    while (t < target) {
      if (++res.steps > opt.max_steps) throw DomainError("step limit reached at t = " + to_display(t, 10));
      if (H > target - t) H = target - t;
      auto f0 = f(y, t);
      std::vector<std::vector<mp>> T(static_cast<std::size_t>(J));
      mp err(0), scale(1);
      for (const auto& x : y) scale = std::max(scale, mp(bmp::abs(x)));
      int used = 0;
      // A midpoint sequence can leave the field's domain or overflow when H is too large for the solution
      // (the field evaluation then throws): that step is rejected and H shrinks, unless H is already tiny.
      std::string overflow;
      for (int j = 0; j < J; ++j) {
        int nj = 2 * (j + 1);
        try {
          T[static_cast<std::size_t>(j)] = midpoint(f, y, f0, t, H, nj);
        } catch (const DomainError& e) {
          overflow = e.what();
          break;
        }
        used = j + 1;
      }
      if (!overflow.empty()) {
        ++res.rejected;
        if (H < (target - t) * bmp::pow(mp(10), -40)) throw DomainError(overflow + " (extrapolation step at t = " + to_display(t, 10) + ")");
        H *= mp(0.2);
        continue;
      }
      // Neville tableau, column by column (explicit, small J).
      std::vector<std::vector<std::vector<mp>>> tab(static_cast<std::size_t>(used));
      for (int j = 0; j < used; ++j) {
        auto uj = static_cast<std::size_t>(j);
        tab[uj].push_back(T[uj]);
        for (int k = 1; k <= j; ++k) {
          mp r = mp(2 * (j + 1)) / (2 * (j - k + 1));
          mp d = r * r - 1;
          const auto& a = tab[uj][static_cast<std::size_t>(k - 1)];
          const auto& b = tab[uj - 1][static_cast<std::size_t>(k - 1)];
          std::vector<mp> c(a.size());
          for (std::size_t i = 0; i < a.size(); ++i) c[i] = a[i] + (a[i] - b[i]) / d;
          tab[uj].push_back(std::move(c));
        }
      }
      const auto& best = tab.back().back();
      const auto& prev = tab.back()[tab.back().size() - 2];
      // A step whose midpoint sequences overflowed (inf / NaN entries) is rejected, never accepted with a
      // zero error estimate (std::max ignores a NaN): the step shrinks instead.
      bool finite = true;
      for (std::size_t i = 0; i < best.size(); ++i) {
        mp e = bmp::abs(best[i] - prev[i]);
        if (!bmp::isfinite(e) || !bmp::isfinite(best[i])) finite = false;
        else err = std::max(err, e);
      }
      err /= scale;
      // Order 2J - 1 error estimate; grow/shrink H accordingly.
      mp factor = err > 0 ? mp(0.9 * bmp::pow(tol / err, mp(1) / (2 * used - 1))) : mp(4);
      factor = std::min(mp(4), std::max(mp(0.2), factor));
      if (!finite) {
        err = tol * 2;
        factor = 0.2;
        if (H < (target - t) * bmp::pow(mp(10), -40)) throw DomainError("the extrapolation steps overflow near t = " + to_display(t, 10));
      }
      if (err <= tol) {
        y = best;
        t = (H == target - t) ? target : mp(t + H);
        if (observe) observe(t, unflatten(y, y0));
        H *= factor;
      } else {
        ++res.rejected;
        H *= factor;
      }
    }
    res.states.push_back(unflatten(y, y0));
  }
  res.evaluations = f.evaluations;
  return res;
}

}  // namespace flowcert
