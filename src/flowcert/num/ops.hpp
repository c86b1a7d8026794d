// Ops<T>: the elementary operations every formula evaluation needs, for each scalar type. The evaluator is
// written once against this interface; each arithmetic says what it can do exactly, rigorously or not at all.
//   sign(x): -1, 0, +1 when decided; kUnknownSign when an enclosure straddles 0 (or a symbol is not numeric).
#pragma once
#include <arb_hypgeom.h>
#include <mpfi.h>

#include <boost/math/special_functions/digamma.hpp>
#include <cmath>
#include <string>

#include "flowcert/num/ball.hpp"
#include "flowcert/num/decimal.hpp"
#include "flowcert/num/scalar.hpp"

namespace flowcert {

inline constexpr int kUnknownSign = 2;

// x^n by repeated squaring for any ring-like T (used where T has no tighter power of its own).
template <class T, class Sqr>
T power_by_squaring(T x, unsigned long n, Sqr sqr) {
  T result(1);
  bool first = true;
  while (n) {
    if (n & 1) {
      result = first ? x : result * x;
      first = false;
    }
    n >>= 1;
    if (n) x = sqr(x);
  }
  return result;
}

template <class T>
struct Ops;

template <>
struct Ops<mp> {
  static constexpr const char* name = "mpfr";
  static constexpr bool exact = false, rigorous = false;
  static mp from_q(const Q& q) { return mp(q); }
  static mp exp(const mp& x) { return bmp::exp(x); }
  static mp log(const mp& x) {
    if (x <= 0) throw DomainError("log of a non-positive number " + to_display(x));
    return bmp::log(x);
  }
  static mp sqrt(const mp& x) {
    if (x < 0) throw DomainError("sqrt of a negative number " + to_display(x));
    return bmp::sqrt(x);
  }
  static mp abs(const mp& x) { return bmp::abs(x); }
  static mp tanh(const mp& x) { return bmp::tanh(x); }
  static mp expm1(const mp& x) { return bmp::expm1(x); }
  static mp log1p(const mp& x) {
    if (x <= -1) throw DomainError("log1p of a number <= -1");
    return bmp::log1p(x);
  }
  static mp ei(const mp& x) {
    mp r;
    mpfr_eint(r.backend().data(), x.backend().data(), MPFR_RNDN);
    return r;
  }
  static mp digamma(const mp& x) {
    if (x <= 0 && bmp::trunc(x) == x) throw DomainError("psi has a pole at " + to_display(x));
    mp r;
    mpfr_digamma(r.backend().data(), x.backend().data(), MPFR_RNDN);
    return r;
  }
  static mp sin(const mp& x) { return bmp::sin(x); }
  static mp cos(const mp& x) { return bmp::cos(x); }
  static mp powi(const mp& x, long n) {
    if (n < 0 && x == 0) throw DomainError("division by zero (0 to a negative power)");
    return bmp::pow(x, n);
  }
  static mp pow(const mp& x, const mp& y) {
    if (x <= 0) throw DomainError("non-integer power of a non-positive number " + to_display(x));
    return bmp::pow(x, y);
  }
  static mp div(const mp& a, const mp& b) {
    if (b == 0) throw DomainError("division by zero");
    return a / b;
  }
  static mp pi() {
    mp r;
    mpfr_const_pi(r.backend().data(), MPFR_RNDN);
    return r;
  }
  static mp euler() {
    mp r;
    mpfr_const_euler(r.backend().data(), MPFR_RNDN);
    return r;
  }
  static long to_long(const mp& x) {
    if (!bmp::isfinite(x) || bmp::trunc(x) != x || bmp::abs(x) > 1e15)
      throw DomainError("expected an integer, got " + to_display(x));
    return x.convert_to<long>();
  }
  static mp max(const mp& a, const mp& b) { return a < b ? b : a; }
  static mp min(const mp& a, const mp& b) { return a < b ? a : b; }
  static int sign(const mp& x) {
    if (bmp::isnan(x)) throw DomainError("the value is NaN");
    return x > 0 ? 1 : (x < 0 ? -1 : 0);
  }
  static bool finite(const mp& x) { return bmp::isfinite(x); }
  static double to_double(const mp& x) { return x.convert_to<double>(); }
  static std::string str(const mp& x, unsigned digits = 20) { return to_display(x, digits); }
};

template <>
struct Ops<iv> {
  static constexpr const char* name = "mpfi";
  static constexpr bool exact = false, rigorous = true;
  static iv from_q(const Q& q) {
    iv r;
    mpfi_set_q(r.backend().data(), q.backend().data());
    return r;
  }
  static iv exp(const iv& x) { return bmp::exp(x); }
  static iv log(const iv& x) {
    if (!mpfi_is_strictly_pos(x.backend().data())) throw DomainError("log of an interval that is not positive");
    return bmp::log(x);
  }
  static iv sqrt(const iv& x) {
    if (mpfi_is_strictly_neg(x.backend().data()) || mpfr_sgn(&x.backend().data()->left) < 0)
      throw DomainError("sqrt of an interval that reaches below 0");
    return bmp::sqrt(x);
  }
  static iv abs(const iv& x) { return bmp::abs(x); }
  static iv tanh(const iv& x) { return bmp::tanh(x); }
  static iv expm1(const iv& x) {
    iv r;
    mpfi_expm1(r.backend().data(), x.backend().data());
    return r;
  }
  static iv log1p(const iv& x) {
    iv r;
    mpfi_log1p(r.backend().data(), x.backend().data());
    return r;
  }
  // MPFR has no Ei (and MPFI no digamma): the interval goes through Arb at the same precision.
  static iv ei(const iv& x) { return via_arb(x, arb_hypgeom_ei, "Ei of an interval that reaches 0"); }
  static iv digamma(const iv& x) { return via_arb(x, arb_digamma, "psi of an interval that reaches a pole (0, -1, -2, ...)"); }
  using ArbFn = void (*)(arb_t, const arb_t, slong);
  static iv via_arb(const iv& x, ArbFn f, const char* unbounded) {
    const auto* d = x.backend().data();
    const slong prec = static_cast<slong>(mpfi_get_prec(d));
    arb_t b;
    arb_init(b);
    arb_set_interval_mpfr(b, &d->left, &d->right, prec);
    f(b, b, prec);
    iv r;
    bool finite = arb_is_finite(b);
    if (finite) {
      mpfr_t lo, hi;
      mpfr_init2(lo, prec);
      mpfr_init2(hi, prec);
      arb_get_interval_mpfr(lo, hi, b);
      mpfi_interv_fr(r.backend().data(), lo, hi);
      mpfr_clear(lo);
      mpfr_clear(hi);
    }
    arb_clear(b);
    if (!finite) throw DomainError(unbounded);
    return r;
  }
  static iv sin(const iv& x) { return bmp::sin(x); }
  static iv cos(const iv& x) { return bmp::cos(x); }
  static iv sqr(const iv& x) {
    iv r;
    mpfi_sqr(r.backend().data(), x.backend().data());
    return r;
  }
  static iv powi(const iv& x, long n) {
    if (n == 0) return iv(1);
    iv p = power_by_squaring(x, static_cast<unsigned long>(n < 0 ? -n : n), sqr);
    return n < 0 ? div(iv(1), p) : p;
  }
  static iv pow(const iv& x, const iv& y) { return exp(y * log(x)); }
  static iv div(const iv& a, const iv& b) {
    if (mpfi_has_zero(b.backend().data())) throw DomainError("division by an interval that contains 0");
    return a / b;
  }
  static iv pi() {
    iv r;
    mpfi_const_pi(r.backend().data());
    return r;
  }
  static iv euler() {
    iv r;
    mpfi_const_euler(r.backend().data());
    return r;
  }
  static iv max(const iv& a, const iv& b) { return hull_op(a, b, true); }
  static iv min(const iv& a, const iv& b) { return hull_op(a, b, false); }
  static int sign(const iv& x) {
    auto d = x.backend().data();
    if (mpfi_nan_p(d)) throw DomainError("the enclosure is NaN");
    if (mpfi_is_zero(d)) return 0;
    if (mpfi_is_strictly_pos(d)) return 1;
    if (mpfi_is_strictly_neg(d)) return -1;
    return kUnknownSign;
  }
  static bool finite(const iv& x) { return mpfi_bounded_p(x.backend().data()) && !mpfi_nan_p(x.backend().data()); }
  static double to_double(const iv& x) { return mpfi_get_d(x.backend().data()); }
  static std::string str(const iv& x, unsigned digits = 20) {
    return "[" + mpfr_to_decimal(&x.backend().data()->left, digits, MPFR_RNDD) + ", " +
           mpfr_to_decimal(&x.backend().data()->right, digits, MPFR_RNDU) + "]";
  }
  static long to_long(const iv& x) {
    auto d = x.backend().data();
    if (mpfr_cmp(&d->left, &d->right) != 0 || !mpfr_integer_p(&d->left) || !mpfr_fits_slong_p(&d->left, MPFR_RNDN))
      throw DomainError("expected an exact integer, got the interval " + str(x));
    return mpfr_get_si(&d->left, MPFR_RNDN);
  }

 private:
  static iv hull_op(const iv& a, const iv& b, bool is_max) {
    auto pa = a.backend().data(), pb = b.backend().data();
    mpfr_prec_t prec = std::max(mpfi_get_prec(pa), mpfi_get_prec(pb));
    mpfr_t lo, hi;
    mpfr_init2(lo, prec);
    mpfr_init2(hi, prec);
    if (is_max) {
      mpfr_max(lo, &pa->left, &pb->left, MPFR_RNDD);
      mpfr_max(hi, &pa->right, &pb->right, MPFR_RNDU);
    } else {
      mpfr_min(lo, &pa->left, &pb->left, MPFR_RNDD);
      mpfr_min(hi, &pa->right, &pb->right, MPFR_RNDU);
    }
    iv r;
    mpfi_interv_fr(r.backend().data(), lo, hi);
    mpfr_clear(lo);
    mpfr_clear(hi);
    return r;
  }
};

template <>
struct Ops<Ball> {
  static constexpr const char* name = "arb";
  static constexpr bool exact = false, rigorous = true;
  using F = void (*)(arb_t, const arb_t, slong);
  static Ball apply(F f, const Ball& x) {
    Ball r;
    f(r.get(), x.get(), Ball::precision());
    return r;
  }
  static Ball from_q(const Q& q) { return Ball(q); }
  static Ball exp(const Ball& x) { return apply(arb_exp, x); }
  static Ball log(const Ball& x) {
    if (!arb_is_positive(x.get())) throw DomainError("log of a ball that is not positive");
    return apply(arb_log, x);
  }
  static Ball sqrt(const Ball& x) {
    if (!arb_is_nonnegative(x.get())) throw DomainError("sqrt of a ball that reaches below 0");
    return apply(arb_sqrt, x);
  }
  static Ball abs(const Ball& x) {
    Ball r;
    arb_abs(r.get(), x.get());
    return r;
  }
  static Ball tanh(const Ball& x) { return apply(arb_tanh, x); }
  static Ball expm1(const Ball& x) { return apply(arb_expm1, x); }
  static Ball log1p(const Ball& x) { return apply(arb_log1p, x); }
  static Ball ei(const Ball& x) { return apply(arb_hypgeom_ei, x); }
  static Ball digamma(const Ball& x) {
    Ball r = apply(arb_digamma, x);
    if (!arb_is_finite(r.get())) throw DomainError("psi of a ball that reaches a pole (0, -1, -2, ...)");
    return r;
  }
  static Ball sin(const Ball& x) { return apply(arb_sin, x); }
  static Ball cos(const Ball& x) { return apply(arb_cos, x); }
  static Ball powi(const Ball& x, long n) {
    Ball r;
    arb_pow_ui(r.get(), x.get(), static_cast<ulong>(n < 0 ? -n : n), Ball::precision());
    // An even power is >= 0: keep the ball of a power of a ball around 0 from reaching below 0 (as MPFI does).
    if (n % 2 == 0) arb_nonnegative_part(r.get(), r.get());
    return n < 0 ? div(Ball(1), r) : r;
  }
  static Ball pow(const Ball& x, const Ball& y) {
    if (!arb_is_positive(x.get())) throw DomainError("non-integer power of a ball that is not positive");
    Ball r;
    arb_pow(r.get(), x.get(), y.get(), Ball::precision());
    return r;
  }
  static Ball div(const Ball& a, const Ball& b) {
    if (arb_contains_zero(b.get())) throw DomainError("division by a ball that contains 0");
    return a / b;
  }
  static Ball pi() {
    Ball r;
    arb_const_pi(r.get(), Ball::precision());
    return r;
  }
  static Ball euler() {
    Ball r;
    arb_const_euler(r.get(), Ball::precision());
    return r;
  }
  static Ball max(const Ball& a, const Ball& b) {
    Ball r;
    arb_max(r.get(), a.get(), b.get(), Ball::precision());
    return r;
  }
  static Ball min(const Ball& a, const Ball& b) {
    Ball r;
    arb_min(r.get(), a.get(), b.get(), Ball::precision());
    return r;
  }
  static int sign(const Ball& x) {
    if (arb_is_zero(x.get())) return 0;
    if (arb_is_positive(x.get())) return 1;
    if (arb_is_negative(x.get())) return -1;
    return kUnknownSign;
  }
  static bool finite(const Ball& x) { return arb_is_finite(x.get()); }
  static long to_long(const Ball& x) {
    fmpz_t z;
    fmpz_init(z);
    bool ok = arb_get_unique_fmpz(z, x.get()) && arb_is_exact(x.get()) && fmpz_fits_si(z);
    long v = ok ? fmpz_get_si(z) : 0;
    fmpz_clear(z);
    if (!ok) throw DomainError("expected an exact integer, got the ball " + str(x));
    return v;
  }
  static double to_double(const Ball& x) { return arf_get_d(arb_midref(x.get()), ARF_RND_NEAR); }
  static std::string str(const Ball& x, unsigned digits = 20) {
    return "[" + x.lower_string(digits) + ", " + x.upper_string(digits) + "]";
  }
};

// IEEE double: fast, not rigorous, for long discrete iterations (gradient descent over 1e5+ steps), as the
// papers themselves ran them.
template <>
struct Ops<double> {
  static constexpr const char* name = "double";
  static constexpr bool exact = false, rigorous = false;
  static double from_q(const Q& q) { return q.convert_to<double>(); }
  static double exp(double x) { return std::exp(x); }
  static double log(double x) {
    if (!(x > 0)) throw DomainError("log of a non-positive number");
    return std::log(x);
  }
  static double sqrt(double x) {
    if (x < 0) throw DomainError("sqrt of a negative number");
    return std::sqrt(x);
  }
  static double abs(double x) { return std::abs(x); }
  static double tanh(double x) { return std::tanh(x); }
  static double sin(double x) { return std::sin(x); }
  static double cos(double x) { return std::cos(x); }
  static double expm1(double x) { return std::expm1(x); }
  static double log1p(double x) { return std::log1p(x); }
  static double ei(double) { throw DomainError("Ei is not available in double"); }
  static double digamma(double x) {
    if (x <= 0 && std::trunc(x) == x) throw DomainError("psi has a pole at " + std::to_string(x));
    return boost::math::digamma(x);
  }
  static double powi(double x, long n) { return std::pow(x, static_cast<double>(n)); }
  static double pow(double x, double y) {
    if (!(x > 0)) throw DomainError("non-integer power of a non-positive number");
    return std::pow(x, y);
  }
  static double div(double a, double b) {
    if (b == 0) throw DomainError("division by zero");
    return a / b;
  }
  static double pi() { return 3.14159265358979323846; }
  static double euler() { return 0.57721566490153286061; }
  static double max(double a, double b) { return a < b ? b : a; }
  static double min(double a, double b) { return a < b ? a : b; }
  static int sign(double x) {
    if (std::isnan(x)) throw DomainError("the value is NaN");
    return x > 0 ? 1 : (x < 0 ? -1 : 0);
  }
  static bool finite(double x) { return std::isfinite(x); }
  static long to_long(double x) {
    if (!std::isfinite(x) || std::trunc(x) != x || std::abs(x) > 1e15) throw DomainError("expected an integer");
    return static_cast<long>(x);
  }
  static double to_double(double x) { return x; }
  static std::string str(double x, unsigned = 17) { return std::to_string(x); }
};

template <>
struct Ops<Q> {
  static constexpr const char* name = "exact";
  static constexpr bool exact = true, rigorous = true;
  [[noreturn]] static Q inexact(const char* f) {
    throw DomainError(std::string(f) + " has no exact rational value here (use a numeric check kind)");
  }
  static Q from_q(const Q& q) { return q; }
  static Q exp(const Q& x) { return x == 0 ? Q(1) : inexact("exp"); }
  static Q log(const Q& x) { return x == 1 ? Q(0) : inexact("log"); }
  static Q sqrt(const Q& x) {
    if (x < 0) throw DomainError("sqrt of a negative number");
    Z n = bmp::numerator(x), d = bmp::denominator(x);
    Z rn = bmp::sqrt(n), rd = bmp::sqrt(d);
    if (rn * rn != n || rd * rd != d) inexact("sqrt");
    return Q(rn, rd);
  }
  static Q abs(const Q& x) { return x < 0 ? Q(-x) : x; }
  static Q tanh(const Q& x) { return x == 0 ? Q(0) : inexact("tanh"); }
  static Q expm1(const Q& x) { return x == 0 ? Q(0) : inexact("expm1"); }
  static Q log1p(const Q& x) { return x == 0 ? Q(0) : inexact("log1p"); }
  static Q ei(const Q&) { inexact("Ei"); }
  static Q digamma(const Q&) { inexact("psi"); }
  static Q sin(const Q& x) { return x == 0 ? Q(0) : inexact("sin"); }
  static Q cos(const Q& x) { return x == 0 ? Q(1) : inexact("cos"); }
  static Q powi(const Q& x, long n) {
    if (n < 0 && x == 0) throw DomainError("division by zero (0 to a negative power)");
    Q p = power_by_squaring(x, static_cast<unsigned long>(n < 0 ? -n : n), [](const Q& v) { return Q(v * v); });
    return n < 0 ? Q(1 / p) : p;
  }
  // x^y with an integer y (e.g. a parameter L = 3) is exact; other powers are not rational in general.
  static Q pow(const Q& x, const Q& y) {
    if (bmp::denominator(y) != 1 || bmp::abs(bmp::numerator(y)) > 1000000) inexact("a non-integer power");
    return powi(x, bmp::numerator(y).convert_to<long>());
  }
  static Q div(const Q& a, const Q& b) {
    if (b == 0) throw DomainError("division by zero");
    return a / b;
  }
  static Q pi() { inexact("Pi"); }
  static Q euler() { inexact("Euler"); }
  static Q max(const Q& a, const Q& b) { return a < b ? b : a; }
  static Q min(const Q& a, const Q& b) { return a < b ? a : b; }
  static int sign(const Q& x) { return x > 0 ? 1 : (x < 0 ? -1 : 0); }
  static bool finite(const Q&) { return true; }
  static long to_long(const Q& x) {
    if (bmp::denominator(x) != 1 || bmp::abs(x) > Q(1000000000000000LL))
      throw DomainError("expected an integer, got " + to_display(x));
    return bmp::numerator(x).convert_to<long>();
  }
  static double to_double(const Q& x) { return x.convert_to<double>(); }
  static std::string str(const Q& x, unsigned digits = 20) { return to_display(x, digits); }
};

}  // namespace flowcert
