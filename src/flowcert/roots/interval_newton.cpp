// The interval Newton test and the search for a certified root enclosure (interval_newton.hpp).
#include "flowcert/roots/interval_newton.hpp"

#include <cmath>
#include <deque>

#include "flowcert/num/decimal.hpp"
#include "flowcert/num/interval_ops.hpp"
#include "flowcert/num/jet1.hpp"
#include "flowcert/sym/evaluator_impl.hpp"

namespace flowcert {

extern template class Evaluator<iv>;
extern template class Evaluator<Ball>;

template <class T>
T value_over(const ScalarEquation& f, const T& X) {
  Evaluator<T> ev(*f.prog);
  for (const auto& [slot, v] : f.inputs) ev.set(slot, v);
  ev.set_value(f.slot, Mat<T>::of_scalar(X));
  return ev.value(f.root).as_scalar("a root equation");
}

template <class T>
T derivative_over(const ScalarEquation& f, const T& X) {
  Evaluator<Jet1<T>> ev(*f.prog);
  for (const auto& [slot, v] : f.inputs) ev.set(slot, v);
  ev.set_value(f.slot, Mat<Jet1<T>>::of_scalar(Jet1<T>(X, {T(1)})));
  const Jet1<T>& d = ev.value(f.root).as_scalar("a root equation");
  return d.d.empty() ? T(0) : d.d[0];
}

template <class T>
NewtonTest<T> newton_test(const ScalarEquation& f, const T& X, const Q& m) {
  using IO = IntervalOps<T>;
  NewtonTest<T> t;
  T M = Ops<T>::from_q(m);
  if (!IO::subset(M, X)) {
    t.why = "the Newton point is not inside the interval";
    return t;
  }
  t.fm = value_over(f, M);
  t.dfx = derivative_over(f, X);
  int s = Ops<T>::sign(t.dfx);
  if (s == 0 || s == kUnknownSign) {
    t.why = "the derivative's enclosure contains 0";
    return t;
  }
  t.image = M - t.fm / t.dfx;
  if (IO::strictly_inside(t.image, X)) t.verdict = 1;
  else if (IO::disjoint(t.image, X)) t.verdict = 0, t.why = "N(X) and X are disjoint: no root in X";
  else t.why = "N(X) is not inside the interior of X";
  return t;
}

namespace {

Q decimal_point(const iv& x, unsigned digits) {
  return parse_exact_decimal(IntervalOps<iv>::lower(IntervalOps<iv>::mid(x), digits));
}

}  // namespace

RootEnclosure certify_root(const ScalarEquation& f, const Q& approx, unsigned bits) {
  using IO = IntervalOps<iv>;
  RootEnclosure out;
  const unsigned digits = static_cast<unsigned>(bits * 0.30103) + 6;
  const double scale = std::max(1.0, std::abs(approx.convert_to<double>()));
  // Grow a radius from a few hundred ulps until the test succeeds.
  double r = std::ldexp(scale, 8 - static_cast<int>(bits));
  iv X;
  NewtonTest<iv> t;
  for (int attempt = 0; attempt < 40; ++attempt, r *= 16) {
    X = IO::inflate(Ops<iv>::from_q(approx), 0, r);
    t = newton_test(f, X, approx);
    ++out.iterations;
    if (t.verdict == 1) break;
    if (t.verdict == 0 && attempt > 8) break;
  }
  if (t.verdict != 1) {
    out.note = "no interval around the approximate root passes the Newton test (" + t.why + ")";
    return out;
  }
  out.mid = approx;
  // Contract: the Newton image (a little inflated) is the next candidate while it narrows the interval.
  for (int k = 0; k < 12; ++k) {
    iv cand = IO::inflate(t.image, 0, std::ldexp(scale, 2 - static_cast<int>(bits)));
    Q m = decimal_point(cand, digits);
    NewtonTest<iv> tc = newton_test(f, cand, m);
    ++out.iterations;
    if (tc.verdict != 1 || !(IO::width(cand) < 0.5 * IO::width(X))) break;
    X = cand;
    t = tc;
    out.mid = m;
  }
  out.x = X;
  out.certified = true;
  return out;
}

template <class T>
MonotoneProof prove_monotone(const ScalarEquation& f, const Q& lo, const Q& hi, long max_pieces) {
  MonotoneProof out;
  if (!(lo < hi)) {
    out.note = "empty window";
    return out;
  }
  // Breadth first, so that pieces of opposite signs on both sides of a sign change are met early.
  std::deque<std::pair<Q, Q>> stack = {{lo, hi}};
  int sign = 0;
  long pieces = 0;
  while (!stack.empty()) {
    auto [a, b] = stack.front();
    stack.pop_front();
    int s;
    try {
      s = Ops<T>::sign(derivative_over<T>(f, IntervalOps<T>::from_bounds(a, b)));
    } catch (const DomainError&) {
      s = kUnknownSign;  // e.g. a log of an interval reaching 0 on a wide piece: bisect
    }
    if (s == 1 || s == -1) {
      if (sign != 0 && s != sign) {
        out.note = "the derivative changes sign on the window";
        return out;
      }
      sign = s;
      ++pieces;
      continue;
    }
    if (pieces + static_cast<long>(stack.size()) + 2 > max_pieces) {
      out.note = "the derivative's sign is not decided with " + std::to_string(max_pieces) + " pieces";
      return out;
    }
    Q mid = (a + b) / 2;
    stack.emplace_back(mid, b);
    stack.emplace_back(a, mid);
  }
  out.sign = sign;
  out.pieces = pieces;
  return out;
}

template iv value_over<iv>(const ScalarEquation&, const iv&);
template Ball value_over<Ball>(const ScalarEquation&, const Ball&);
template iv derivative_over<iv>(const ScalarEquation&, const iv&);
template Ball derivative_over<Ball>(const ScalarEquation&, const Ball&);
template NewtonTest<iv> newton_test<iv>(const ScalarEquation&, const iv&, const Q&);
template NewtonTest<Ball> newton_test<Ball>(const ScalarEquation&, const Ball&, const Q&);
template MonotoneProof prove_monotone<iv>(const ScalarEquation&, const Q&, const Q&, long);
template MonotoneProof prove_monotone<Ball>(const ScalarEquation&, const Q&, const Q&, long);

}  // namespace flowcert
