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

// The direct Taylor form: sum_{j<N} y_j(start) h^j + R, R = y_N(B, [t0, t0 + h]) h^N from the
// coefficients `cb` over the a-priori box.
template <class T>
State<T> direct_end(TaylorJet<T>& jet, const State<T>& start, const std::vector<State<T>>& cb, const Q& t0, const Q& h, int N) {
  auto c = jet.expand(start, Ops<T>::from_q(t0), N);
  return taylor_end(c, cb, Ops<T>::from_q(h), N);
}

// What the mean-value form needs at a step: z, enclosing Phi(x) + R at the exact centre x (Phi the degree
// N - 1 Taylor map, R as above), and J, enclosing D Phi over `box` (which must hold x and every start
// point), by forward-mode AD through the Taylor recurrences.
template <class T>
struct TaylorImage {
  std::vector<T> z;
  Mat<T> jac;
};

template <class T>
TaylorImage<T> taylor_image(TaylorJet<T>& jet, TaylorJet<Jet1<T>>& jjet, const State<T>& box, const std::vector<Q>& x,
                            const std::vector<State<T>>& cb, const Q& t0, const Q& h, int N) {
  T tt = Ops<T>::from_q(t0), hh = Ops<T>::from_q(h);
  State<T> centre = unflatten(lohner::to_intervals<T>(x), box);
  auto cm = jet.expand(centre, tt, N - 1);
  cm.push_back(cb[static_cast<std::size_t>(N)]);
  TaylorImage<T> out;
  out.z = flatten(taylor_end(cm, cm, hh, N));
  const std::size_t n = out.z.size();
  State<Jet1<T>> seeded;
  std::size_t idx = 0;
  for (const auto& mat : box) {
    Mat<Jet1<T>> sm = Mat<Jet1<T>>::from(mat, [](const T& v) { return Jet1<T>(v); });
    for (auto& v : sm.v) {
      v.d.assign(n, T(0));
      v.d[idx++] = T(1);
    }
    seeded.push_back(std::move(sm));
  }
  auto cj = jjet.expand(seeded, Jet1<T>(tt), N - 1);
  out.jac = Mat<T>::sized(n, n);
  std::size_t row = 0;
  for (std::size_t v = 0; v < box.size(); ++v)
    for (std::size_t e = 0; e < box[v].v.size(); ++e, ++row)
      for (int j = N - 1; j >= 0; --j) {  // Horner in h: sum_j d(y_j)/dy0 h^j
        const auto& g = cj[static_cast<std::size_t>(j)][v].v[e].d;
        for (std::size_t i = 0; i < n; ++i) out.jac(row, i) = out.jac(row, i) * hh + (i < g.size() ? g[i] : T(0));
      }
  return out;
}

// hull(start, x): a convex box holding the centre and every start point (the mean-value theorem needs
// the segments between them).
template <class T>
State<T> with_centre(const State<T>& start, const std::vector<Q>& x) {
  std::vector<T> f = flatten(start);
  for (std::size_t i = 0; i < f.size(); ++i) f[i] = IntervalOps<T>::hull(f[i], Ops<T>::from_q(x[i]));
  return unflatten(f, start);
}

// Intersects the direct end with the hull of a Lohner set.
template <class T>
State<T> intersect_hull(const State<T>& direct, const LohnerSet<T>& set) {
  std::vector<T> d = flatten(direct), hl = lohner::hull(set);
  for (std::size_t i = 0; i < d.size(); ++i) d[i] = IntervalOps<T>::intersect(d[i], hl[i]);
  return unflatten(d, direct);
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
  const unsigned centre_digits = static_cast<unsigned>(opt.bits * 0.30103) + 4;
  LohnerSet<T> set;  // empty until the enclosure is wide enough for Lohner mode
  // Coordinates are padded like boxes, with the state's size for the absolute part (the frame is orthogonal).
  auto pad_coordinates = [&](std::vector<T>& r, double rel, double scale) {
    for (auto& x : r) x = IO::inflate(x, 0, rel * IO::width(x) + ulps * scale);
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
        const double end_pad = 1e-3 * (box_pad / 1e-2);
        State<T> direct = direct_end(jet, y, cb, t, h, N);
        EnclosureStep<T> step{t, Q(t + h), y, B, {}, {}, {}};
        if (!set.empty() || opt.lohner_from <= 0 || max_width(y) / scale > opt.lohner_from) {
          LohnerSet<T> in = set;
          if (in.empty()) {
            in = lohner::from_box(flatten(y), centre_digits);
            pad_coordinates(in.r, end_pad, scale);
            step.frame_in = in;
          }
          auto img = taylor_image(jet, jjet, with_centre(y, in.x), in.x, cb, t, h, N);
          Mat<T> m = lohner::product(img.jac, lohner::frame_matrix(in));
          LohnerSet<T> next;
          for (const T& z : img.z) next.x.push_back(lohner::decimal_mid(z, centre_digits));
          next.A = lohner::qr_frame(m, in.r);
          next.r = lohner::coordinates(m, in.r, img.z, next);
          pad_coordinates(next.r, end_pad, scale);
          if (std::getenv("FLOWCERT_DEBUG_ENCLOSURE")) {
            State<T> hl = unflatten(lohner::hull(next), y);
            std::fprintf(stderr, "t0 %.4g h %.3g start %.3e direct %.3e lohner %.3e\n", t.template convert_to<double>(),
                         h.template convert_to<double>(), max_width(y), max_width(direct), max_width(hl));
          }
          direct = intersect_hull(direct, next);
          step.frame = std::move(next);
        }
        State<T> end = pad(direct, end_pad);
        if (!bounded(end)) throw DomainError("enclosure blew up at t = " + to_display(t, 12));
        step.end = end;
        if constexpr (std::is_same_v<T, iv>) {
          if (opt.accept_step && !opt.accept_step(step, set.empty() || !step.frame_in.empty() ? nullptr : &set)) {
            if (box_pad >= 1) throw DomainError("enclosure: the acceptance test refuses the step at t = " + to_display(t, 12));
            box_pad *= 100;
            continue;
          }
        }
        box_pad = 1e-2;
        if (!step.frame.empty()) set = step.frame;
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
                          const EnclosureStep<T>& step, int order, const LohnerSet<T>* previous) {
  using namespace enclosure_detail;
  using IO = IntervalOps<T>;
  if (!(step.t1 > step.t0)) return "step times are not increasing";
  Q h = step.t1 - step.t0;
  TaylorJet<T> jet(sys, constants);
  Evaluator<T> ev(sys.prog);
  for (const auto& [slot, v] : constants) ev.set(slot, v);
  T step_h = Ops<T>::from_q(h), trange = IO::from_bounds(step.t0, step.t1);
  State<T> P = picard(step.start, field_at(ev, sys, step.apriori, trange), step_h);
  if (!subset(P, step.apriori)) return "the a-priori box does not satisfy the Picard condition";
  auto cb = jet.expand(step.apriori, trange, order);
  State<T> end = direct_end(jet, step.start, cb, step.t0, h, order);
  if (!step.frame.empty() || !step.frame_in.empty()) {
    const LohnerSet<T>* in = !step.frame_in.empty() ? &step.frame_in : previous;
    if (step.frame.empty() || !in || in->empty()) return "a Lohner step without the set it starts from or ends in";
    const std::size_t n = flatten(step.start).size();
    for (const LohnerSet<T>* s : {in, &step.frame})
      if (s->x.size() != n || s->r.size() != n || (s->A.size() != n * n && !(s->A.empty() && s == in)))
        return "a Lohner set does not match the state's size";
    if (!step.frame_in.empty()) {  // the identity-frame set must hold the start box
      if (!in->A.empty()) return "the first Lohner set of a run must be in the identity frame";
      std::vector<T> y = flatten(step.start);
      for (std::size_t i = 0; i < n; ++i)
        if (!IO::subset(T(y[i] - Ops<T>::from_q(in->x[i])), in->r[i])) return "the start box is not inside the first Lohner set";
    }
    TaylorJet<Jet1<T>> jjet(sys, constants);
    try {
      auto img = taylor_image(jet, jjet, with_centre(step.start, in->x), in->x, cb, step.t0, h, order);
      std::vector<T> r = lohner::coordinates(lohner::product(img.jac, lohner::frame_matrix(*in)), in->r, img.z, step.frame);
      for (std::size_t i = 0; i < n; ++i)
        if (!IO::subset(r[i], step.frame.r[i])) return "the recomputed Lohner coordinates are not inside the stored ones";
      end = intersect_hull(end, step.frame);
    } catch (const DomainError& e) {
      return std::string("Lohner set: ") + e.what();
    }
  }
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
