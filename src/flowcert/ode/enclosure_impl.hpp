// Definition of the interval Taylor enclosure; included by enclosure_<type>.cpp.
#pragma once
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "flowcert/num/interval_ops.hpp"
#include "flowcert/num/jet1.hpp"
#include "flowcert/ode/enclosure.hpp"
#include "flowcert/ode/taylor_jet_impl.hpp"

namespace flowcert {

template <class T>
double max_width(const std::vector<Mat<T>>& y);

namespace enclosure_detail {

template <class T>
using State = std::vector<Mat<T>>;

template <class T>
State<T> field_at(Evaluator<T>& ev, const OdeSystem& sys, const State<T>& y, const T& t) {
  for (std::size_t v = 0; v < y.size(); ++v)
    if (sys.state_slots[v] >= 0) ev.set_value(sys.state_slots[v], y[v]);
  if (sys.time_slot >= 0) ev.set_value(sys.time_slot, Mat<T>::of_scalar(t));
  State<T> f;
  for (std::size_t v = 0; v < y.size(); ++v) {
    Mat<T> fv = ev.value(sys.field_roots[v]);
    f.push_back(broadcast(taylor_detail::zero_like(y[v]), fv, [](const T& a, const T& b) { return T(a + b); }, "field"));
  }
  return f;
}

// Y + [0, h] F, componentwise, computed as hull(Y, Y + h F): the same set (for each point of Y and of F the
// segment over [0, h] joins its ends), and tight also in midpoint-radius arithmetic, where the product of
// the ball [0, h] with F would reach below 0.
template <class T>
State<T> picard(const State<T>& y, const State<T>& f, const T& h) {
  State<T> out = y;
  for (std::size_t v = 0; v < y.size(); ++v)
    for (std::size_t e = 0; e < y[v].v.size(); ++e)
      out[v].v[e] = IntervalOps<T>::hull(y[v].v[e], T(y[v].v[e] + h * f[v].v[e]));
  return out;
}

template <class T>
bool subset(const State<T>& a, const State<T>& b) {
  for (std::size_t v = 0; v < a.size(); ++v)
    for (std::size_t e = 0; e < a[v].v.size(); ++e)
      if (!IntervalOps<T>::subset(a[v].v[e], b[v].v[e])) return false;
  return true;
}

template <class T>
bool bounded(const State<T>& a) {
  for (const auto& m : a)
    for (const auto& x : m.v)
      if (!Ops<T>::finite(x)) return false;
  return true;
}

// sum_{j<N} c_j h^j + c_N(B) h^N: the enclosure at the end of the step.
template <class T>
State<T> taylor_end(const std::vector<State<T>>& at_start, const std::vector<State<T>>& over_box, const T& h, int N) {
  State<T> out = over_box[static_cast<std::size_t>(N)];
  for (int k = N - 1; k >= 0; --k)
    for (std::size_t v = 0; v < out.size(); ++v)
      for (std::size_t e = 0; e < out[v].v.size(); ++e)
        out[v].v[e] = out[v].v[e] * h + at_start[static_cast<std::size_t>(k)][v].v[e];
  return out;
}

// The width of the Lagrange remainder y_N(B, [t0, t0 + h]) h^N, from the coefficients over the box.
template <class T>
double remainder_width(const std::vector<State<T>>& cb, const Q& h, int N) {
  T hn = Ops<T>::powi(Ops<T>::from_q(h), N);
  double w = 0;
  for (const auto& mat : cb[static_cast<std::size_t>(N)])
    for (const auto& x : mat.v) w = std::max(w, IntervalOps<T>::width(T(x * hn)));
  return w;
}

// The enclosure of y(t0 + h) from an enclosure `start` of y(t0), given the Taylor coefficients `cb` over an
// a-priori box B of the step:
// the intersection of the direct Taylor form and the mean-value form
//   Phi(m) + R + J (start - m),  m = mid(start),  J = d Phi / d y0 over `start` (forward-mode AD),
// with R = y_N(B, [t0, t0 + h]) h^N in both.
template <class T>
State<T> step_enclosure(TaylorJet<T>& jet, TaylorJet<Jet1<T>>& jjet, const State<T>& start,
                        const std::vector<State<T>>& cb, const Q& t0, const Q& h, int N) {
  using IO = IntervalOps<T>;
  T tt = Ops<T>::from_q(t0), hh = Ops<T>::from_q(h);
  auto c = jet.expand(start, tt, N);
  State<T> direct = taylor_end(c, cb, hh, N);
  // Mean-value form: pays off once the enclosure is wide enough for interval dependency (which grows with
  // the square of the width) to matter; for near-point enclosures the direct form is as tight and 8x cheaper.
  double scale = 1;
  for (const auto& mat : start)
    for (const auto& x : mat.v) scale = std::max(scale, IO::magnitude(x));
  constexpr double kMeanValueFromRelativeWidth = 1e-12;
  if (!(max_width(start) / scale > kMeanValueFromRelativeWidth)) return direct;
  State<T> m = start;
  for (auto& mat : m)
    for (auto& x : mat.v) x = IO::mid(x);
  auto cm = jet.expand(m, tt, N - 1);
  std::vector<State<T>> cm_rem = cm;
  cm_rem.push_back(cb[static_cast<std::size_t>(N)]);
  State<T> phi = taylor_end(cm_rem, cm_rem, hh, N);  // Phi(m) + R
  std::size_t n = 0;
  for (const auto& mat : start) n += mat.v.size();
  State<Jet1<T>> seeded;
  std::size_t idx = 0;
  for (const auto& mat : start) {
    Mat<Jet1<T>> sm = Mat<Jet1<T>>::from(mat, [](const T& x) { return Jet1<T>(x); });
    for (auto& x : sm.v) {
      x.d.assign(n, T(0));
      x.d[idx++] = T(1);
    }
    seeded.push_back(std::move(sm));
  }
  auto cj = jjet.expand(seeded, Jet1<T>(tt), N - 1);
  State<T> mv = phi;
  std::vector<T> delta;
  for (std::size_t v = 0; v < start.size(); ++v)
    for (std::size_t e = 0; e < start[v].v.size(); ++e) delta.push_back(T(start[v].v[e] - m[v].v[e]));
  for (std::size_t v = 0; v < mv.size(); ++v)
    for (std::size_t e = 0; e < mv[v].v.size(); ++e) {
      // Row of J for this component: sum_j d(c_j)/dy0 h^j (Horner), times (start - m).
      std::vector<T> row(n, T(0));
      for (int j = N - 1; j >= 0; --j) {
        const auto& g = cj[static_cast<std::size_t>(j)][v].v[e].d;
        for (std::size_t i = 0; i < n; ++i) row[i] = row[i] * hh + (i < g.size() ? g[i] : T(0));
      }
      T acc = mv[v].v[e];
      for (std::size_t i = 0; i < n; ++i) acc += row[i] * delta[i];
      mv[v].v[e] = acc;
    }
  if (std::getenv("FLOWCERT_DEBUG_ENCLOSURE")) {
    State<T> rem = cb[static_cast<std::size_t>(N)];
    for (auto& mat : rem)
      for (auto& x : mat.v) x = x * Ops<T>::powi(hh, N);
    std::fprintf(stderr, "t0 %.4g h %.3g start %.3e direct %.3e mv %.3e remainder %.3e phi %.3e\n", t0.template convert_to<double>(),
                 h.template convert_to<double>(), max_width(start), max_width(direct), max_width(mv), max_width(rem), max_width(phi));
  }
  State<T> out = direct;
  for (std::size_t v = 0; v < out.size(); ++v)
    for (std::size_t e = 0; e < out[v].v.size(); ++e) out[v].v[e] = IO::intersect(direct[v].v[e], mv[v].v[e]);
  return out;
}

// A short decimal at most x (two significant digits), so that step times stay exact and short.
inline Q short_decimal_below(double x) {
  if (!(x > 0) || !std::isfinite(x)) return Q(0);
  int e = static_cast<int>(std::floor(std::log10(x))) - 1;
  double scaled = std::floor(x / std::pow(10.0, e));
  Q p = e >= 0 ? Q(bmp::pow(Z(10), static_cast<unsigned>(e))) : Q(Z(1), bmp::pow(Z(10), static_cast<unsigned>(-e)));
  return Q(static_cast<long>(scaled)) * p;
}

}  // namespace enclosure_detail

template <class T>
double max_width(const std::vector<Mat<T>>& y) {
  double w = 0;
  for (const auto& m : y)
    for (const auto& x : m.v) w = std::max(w, IntervalOps<T>::width(x));
  return w;
}


template <class T>
std::vector<EnclosureStep<T>> enclose_flow(const OdeSystem& sys, const std::vector<std::pair<int, Mat<Q>>>& constants,
                                           const std::vector<Mat<T>>& y0, const Q& t0, const std::vector<Q>& stops,
                                           const EnclosureOptions& opt) {
  using namespace enclosure_detail;
  using IO = IntervalOps<T>;
  const int N = opt.order > 0 ? opt.order : std::max(10, static_cast<int>(0.25 * opt.bits));
  const double tol = std::pow(10.0, -(opt.tol_digits > 0 ? opt.tol_digits : opt.bits * 0.30103));
  TaylorJet<T> jet(sys, constants);
  TaylorJet<Jet1<T>> jjet(sys, constants);
  Evaluator<T> ev(sys.prog);
  for (const auto& [slot, v] : constants) ev.set(slot, v);
  State<T> y = y0;
  const double ulps = std::ldexp(1.0, 6 - static_cast<int>(opt.bits));  // 64 ulps
  auto pad = [&](State<T> box, double rel) {
    for (auto& m : box)
      for (auto& x : m.v) x = IO::inflate(x, 0, rel * IO::width(x) + ulps * IO::magnitude(x));
    return box;
  };
  std::vector<EnclosureStep<T>> steps;
  Q t = t0;
  for (const Q& stop : stops) {
    while (t < stop) {
      if (static_cast<long>(steps.size()) >= opt.max_steps) throw DomainError("enclosure: step limit reached");
      T tt = Ops<T>::from_q(t);
      auto c = jet.expand(y, tt, N);
      // Step size from the coefficients' magnitudes (as in the MPFR integrator).
      double scale = 1, hd = 1e300;
      for (const auto& m : y)
        for (const auto& x : m.v) scale = std::max(scale, IO::magnitude(x));
      for (int j : {N - 1, N}) {
        double nj = 0;
        for (const auto& m : c[static_cast<std::size_t>(j)])
          for (const auto& x : m.v) nj = std::max(nj, IO::magnitude(x));
        if (nj > 0) hd = std::min(hd, std::pow(tol * scale / nj, 1.0 / j));
      }
      Q h = short_decimal_below(std::min(hd, (stop - t).template convert_to<double>()));
      if (stop - t < h || h == 0) h = stop - t;
      if ((stop - t) - h < h / 100) h = stop - t;  // no sliver steps before a stop
      double box_pad = 1e-2;
      for (int attempt = 0;; ++attempt) {
        if (attempt == 40) throw DomainError("enclosure: no a-priori box found at t = " + to_display(t, 12) + " (blow-up or stiffness?)");
        T step_h = Ops<T>::from_q(h);  // picard() spans [0, h] itself
        T trange = IO::from_bounds(t, Q(t + h));
        // A-priori box: start from Y + [0, h] F(Y), inflate, iterate the Picard operator.
        State<T> B = picard(y, field_at(ev, sys, y, tt), step_h);
        (void)c;
        for (auto& m : B)
          for (auto& x : m.v) x = IO::inflate(x, 0.1, tol * scale);
        bool ok = false;
        for (int it = 0; it < 8 && bounded(B); ++it) {
          State<T> P = picard(y, field_at(ev, sys, B, trange), step_h);
          if (subset(P, B)) {
            // Store P(B) padded when it is still a valid box (it is inside B, so the Picard operator maps
            // it into P(B)); the padding absorbs another arithmetic's rounding in a recheck.
            State<T> Pp = pad(P, box_pad);
            if (subset(Pp, B) && subset(picard(y, field_at(ev, sys, Pp, trange), step_h), Pp)) B = Pp;
            ok = true;
            break;
          }
          for (std::size_t v = 0; v < B.size(); ++v)
            for (std::size_t e = 0; e < B[v].v.size(); ++e) B[v].v[e] = IO::inflate(IO::hull(B[v].v[e], P[v].v[e]), 0.5, tol * scale);
        }
        std::vector<State<T>> cb;
        // The remainder's width is what the enclosure gains per step: keep it below the tolerance.
        if (ok) {
          cb = jet.expand(B, trange, N);
          ok = remainder_width(cb, h, N) <= tol * scale;
        }
        if (!ok) {
          h = short_decimal_below(h.template convert_to<double>() / 2);
          if (h == 0) throw DomainError("enclosure: step size underflow at t = " + to_display(t, 12));
          continue;
        }
        State<T> end = pad(step_enclosure(jet, jjet, y, cb, t, h, N), 1e-3);
        if (!bounded(end)) throw DomainError("enclosure blew up at t = " + to_display(t, 12));
        EnclosureStep<T> step{t, Q(t + h), y, B, end};
        if constexpr (std::is_same_v<T, iv>) {
          if (opt.accept_step && !opt.accept_step(step)) {
            if (box_pad >= 1) throw DomainError("enclosure: the acceptance test refuses the step at t = " + to_display(t, 12));
            box_pad *= 100;
            continue;
          }
        }
        box_pad = 1e-2;
        steps.push_back(std::move(step));
        y = end;
        t = t + h;
        break;
      }
    }
  }
  return steps;
}

template <class T>
std::string validate_step(const OdeSystem& sys, const std::vector<std::pair<int, Mat<Q>>>& constants,
                          const EnclosureStep<T>& step, int order) {
  using namespace enclosure_detail;
  using IO = IntervalOps<T>;
  if (!(step.t1 > step.t0)) return "step times are not increasing";
  Q h = step.t1 - step.t0;
  TaylorJet<T> jet(sys, constants);
  TaylorJet<Jet1<T>> jjet(sys, constants);
  Evaluator<T> ev(sys.prog);
  for (const auto& [slot, v] : constants) ev.set(slot, v);
  T step_h = Ops<T>::from_q(h), trange = IO::from_bounds(step.t0, step.t1);
  State<T> P = picard(step.start, field_at(ev, sys, step.apriori, trange), step_h);
  if (!subset(P, step.apriori)) return "the a-priori box does not satisfy the Picard condition";
  auto cb = jet.expand(step.apriori, trange, order);
  State<T> end = step_enclosure(jet, jjet, step.start, cb, step.t0, h, order);
  if (!subset(end, step.end)) return "the recomputed enclosure at the end of the step is not inside the stored one";
  return "";
}

}  // namespace flowcert

namespace flowcert {

template <class T>
std::vector<Mat<T>> range_enclosure(const OdeSystem& sys, const std::vector<std::pair<int, Mat<Q>>>& constants,
                                    const EnclosureStep<T>& step, const Q& lo, const Q& hi, int order) {
  using namespace enclosure_detail;
  using IO = IntervalOps<T>;
  if (lo < 0 || !(hi > lo) || hi > step.t1 - step.t0) throw DomainError("range_enclosure: sub-interval outside the step");
  TaylorJet<T> jet(sys, constants);
  auto c = jet.expand(step.start, Ops<T>::from_q(step.t0), order);
  auto cb = jet.expand(step.apriori, IO::from_bounds(step.t0, step.t1), order);
  return taylor_end(c, cb, IO::from_bounds(lo, hi), order);
}

}  // namespace flowcert
