// Jet1<T>: first-order forward-mode automatic differentiation over any flowcert scalar (value and gradient
// with respect to n seed variables). Running the Taylor jet over Jet1<iv> gives the Taylor coefficients of
// an ODE solution together with their derivatives with respect to the initial state: the Jacobian of the
// Taylor step map, for the mean-value form of the rigorous enclosures. An empty gradient means zero.
#pragma once
#include <string>
#include <vector>

#include "flowcert/num/ops.hpp"

namespace flowcert {

template <class T>
struct Jet1 {
  T v;
  std::vector<T> d;

  Jet1() : v(0) {}
  Jet1(long x) : v(x) {}  // NOLINT: constants convert implicitly, as for the other scalars
  explicit Jet1(T x) : v(std::move(x)) {}
  Jet1(T x, std::vector<T> g) : v(std::move(x)), d(std::move(g)) {}

  // d := a * da + b * db (either gradient may be empty).
  static std::vector<T> combine(const T& a, const std::vector<T>& da, const T& b, const std::vector<T>& db) {
    std::size_t n = std::max(da.size(), db.size());
    std::vector<T> out(n, T(0));
    for (std::size_t i = 0; i < da.size(); ++i) out[i] = a * da[i];
    for (std::size_t i = 0; i < db.size(); ++i) out[i] += b * db[i];
    return out;
  }
  static std::vector<T> scale(const T& a, const std::vector<T>& da) {
    std::vector<T> out(da.size());
    for (std::size_t i = 0; i < da.size(); ++i) out[i] = a * da[i];
    return out;
  }

  friend Jet1 operator+(const Jet1& a, const Jet1& b) { return Jet1(a.v + b.v, combine(T(1), a.d, T(1), b.d)); }
  friend Jet1 operator-(const Jet1& a, const Jet1& b) { return Jet1(a.v - b.v, combine(T(1), a.d, T(-1), b.d)); }
  friend Jet1 operator*(const Jet1& a, const Jet1& b) { return Jet1(a.v * b.v, combine(b.v, a.d, a.v, b.d)); }
  friend Jet1 operator/(const Jet1& a, const Jet1& b) {
    T q = Ops<T>::div(a.v, b.v);
    return Jet1(q, scale(Ops<T>::div(T(1), b.v), combine(T(1), a.d, T(-q), b.d)));
  }
  friend Jet1 operator-(const Jet1& a) { return Jet1(T(-a.v), scale(T(-1), a.d)); }
  Jet1& operator+=(const Jet1& b) { return *this = *this + b; }
  Jet1& operator-=(const Jet1& b) { return *this = *this - b; }
  Jet1& operator*=(const Jet1& b) { return *this = *this * b; }
  Jet1& operator/=(const Jet1& b) { return *this = *this / b; }
};

template <class T>
struct Ops<Jet1<T>> {
  using J = Jet1<T>;
  using O = Ops<T>;
  static constexpr const char* name = "jet1";
  static constexpr bool exact = false, rigorous = O::rigorous;
  // f(x) with derivative f'(x): chain rule.
  static J chain(const J& x, T fx, const T& dfx) { return J(std::move(fx), J::scale(dfx, x.d)); }
  static J from_q(const Q& q) { return J(O::from_q(q)); }
  static J exp(const J& x) {
    T e = O::exp(x.v);
    return chain(x, e, e);
  }
  static J log(const J& x) { return chain(x, O::log(x.v), O::div(T(1), x.v)); }
  static J sqrt(const J& x) {
    T s = O::sqrt(x.v);
    return chain(x, s, O::div(T(1), T(2 * s)));
  }
  static J abs(const J& x) {
    int s = O::sign(x.v);
    if (s == 0 || s == kUnknownSign) throw DomainError("abs is not differentiable at a point where its argument may be 0");
    return s > 0 ? x : J(T(-x.v), J::scale(T(-1), x.d));
  }
  static J tanh(const J& x) {
    T t = O::tanh(x.v);
    return chain(x, t, T(1 - t * t));
  }
  static J sin(const J& x) { return chain(x, O::sin(x.v), O::cos(x.v)); }
  static J cos(const J& x) { return chain(x, O::cos(x.v), T(-O::sin(x.v))); }
  static J expm1(const J& x) { return chain(x, O::expm1(x.v), O::exp(x.v)); }
  static J log1p(const J& x) { return chain(x, O::log1p(x.v), O::div(T(1), T(1 + x.v))); }
  static J ei(const J& x) { return chain(x, O::ei(x.v), O::div(O::exp(x.v), x.v)); }
  static J powi(const J& x, long n) {
    if (n == 0) return J(T(1));
    return chain(x, O::powi(x.v, n), T(T(n) * O::powi(x.v, n - 1)));
  }
  static J pow(const J& x, const J& y) { return exp(y * log(x)); }
  static J div(const J& a, const J& b) {
    if (O::sign(b.v) == 0) throw DomainError("division by zero");
    return a / b;
  }
  static J pi() { return J(O::pi()); }
  static J euler() { return J(O::euler()); }
  static J max(const J& a, const J& b) {
    int s = O::sign(T(a.v - b.v));
    if (s == kUnknownSign || s == 0) throw DomainError("max is not differentiable where its arguments may be equal");
    return s > 0 ? a : b;
  }
  static J min(const J& a, const J& b) {
    int s = O::sign(T(a.v - b.v));
    if (s == kUnknownSign || s == 0) throw DomainError("min is not differentiable where its arguments may be equal");
    return s < 0 ? a : b;
  }
  static int sign(const J& x) { return O::sign(x.v); }
  static bool finite(const J& x) {
    if (!O::finite(x.v)) return false;
    for (const T& g : x.d)
      if (!O::finite(g)) return false;
    return true;
  }
  static long to_long(const J& x) { return O::to_long(x.v); }
  static double to_double(const J& x) { return O::to_double(x.v); }
  static std::string str(const J& x, unsigned digits = 20) { return O::str(x.v, digits); }
};

}  // namespace flowcert
