// Ops<GiNaC::ex>: symbolic arithmetic, so that the same compiled formula can be evaluated with symbols in
// place of numbers and the difference of two sides simplified to 0 (an exact proof for that dimension).
#pragma once
#include <ginac/ginac.h>

#include <sstream>

#include "flowcert/num/ops.hpp"

namespace flowcert {

// An exact GiNaC rational as a GMP rational.
inline Q numeric_to_q(const GiNaC::numeric& n) {
  std::ostringstream a, b;
  a << n.numer();
  b << n.denom();
  return Q(Z(a.str()), Z(b.str()));
}

template <>
struct Ops<GiNaC::ex> {
  using ex = GiNaC::ex;
  static constexpr const char* name = "symbolic";
  static constexpr bool exact = true, rigorous = true;
  static bool numeric(const ex& x) { return GiNaC::is_a<GiNaC::numeric>(x); }
  static const GiNaC::numeric& num(const ex& x) { return GiNaC::ex_to<GiNaC::numeric>(x); }
  static ex from_q(const Q& q) {
    return GiNaC::numeric(bmp::numerator(q).str().c_str()) / GiNaC::numeric(bmp::denominator(q).str().c_str());
  }
  static ex exp(const ex& x) { return GiNaC::exp(x); }
  static ex log(const ex& x) { return GiNaC::log(x); }
  static ex sqrt(const ex& x) { return GiNaC::sqrt(x); }
  static ex abs(const ex& x) { return GiNaC::abs(x); }
  static ex tanh(const ex& x) { return GiNaC::tanh(x); }
  static ex expm1(const ex& x) { return GiNaC::exp(x) - 1; }
  static ex log1p(const ex& x) { return GiNaC::log(1 + x); }
  static ex ei(const ex&) { throw DomainError("Ei has no symbolic form here"); }
  static ex digamma(const ex& x) { return GiNaC::psi(x); }
  static ex sin(const ex& x) { return GiNaC::sin(x); }
  static ex cos(const ex& x) { return GiNaC::cos(x); }
  static ex powi(const ex& x, long n) { return GiNaC::pow(x, n); }
  static ex pow(const ex& x, const ex& y) { return GiNaC::pow(x, y); }
  static ex div(const ex& a, const ex& b) {
    if (b.is_zero()) throw DomainError("division by zero");
    return a / b;
  }
  static ex pi() { return GiNaC::Pi; }
  static ex euler() { return GiNaC::Euler; }
  static ex max(const ex& a, const ex& b) {
    if (numeric(a) && numeric(b) && num(a).is_real() && num(b).is_real()) return num(a) < num(b) ? b : a;
    throw DomainError("max of symbolic values");
  }
  static ex min(const ex& a, const ex& b) {
    if (numeric(a) && numeric(b) && num(a).is_real() && num(b).is_real()) return num(a) < num(b) ? a : b;
    throw DomainError("min of symbolic values");
  }
  static int sign(const ex& x) {
    if (!numeric(x) || !num(x).is_real()) return kUnknownSign;
    return num(x).csgn();
  }
  static bool finite(const ex&) { return true; }
  static long to_long(const ex& x) {
    if (!numeric(x) || !num(x).is_integer()) throw DomainError("expected an integer, got a symbolic value");
    return num(x).to_long();
  }
  static double to_double(const ex& x) {
    ex f = GiNaC::evalf(x);
    if (!numeric(f)) throw DomainError("not a number");
    return num(f).to_double();
  }
  static std::string str(const ex& x, unsigned = 20) {
    std::ostringstream os;
    os << x;
    return os.str();
  }
};

}  // namespace flowcert
