// Exact real-root isolation of a polynomial with rational coefficients (Sturm's theorem): the number of
// distinct real roots in (a, b] is V(a) - V(b), V the number of sign changes of the Sturm sequence
// p0 = p / gcd(p, p'), p1 = p0', p_{k+1} = -rem(p_{k-1}, p_k). Everything is in exact rationals, so a
// count, an isolating interval and its refinement by bisection are proofs, not approximations.
#pragma once
#include <string>
#include <vector>

#include "flowcert/num/scalar.hpp"

namespace flowcert {

// c[k] is the coefficient of x^k; no trailing zeros (the zero polynomial is empty).
struct QPoly {
  std::vector<Q> c;
  int degree() const { return static_cast<int>(c.size()) - 1; }
  Q operator()(const Q& x) const;  // Horner, exact
};

QPoly derivative(const QPoly& p);
QPoly poly_gcd(QPoly a, QPoly b);           // monic
QPoly squarefree_part(const QPoly& p);      // p / gcd(p, p'): the same roots, each simple

struct SturmSequence {
  std::vector<QPoly> seq;
  explicit SturmSequence(const QPoly& p);    // of the squarefree part of p
  int sign_changes(const Q& x) const;
  // Distinct real roots in the open interval (a, b); a and b must not be roots (checked: DomainError).
  int count(const Q& a, const Q& b) const;
};

// The largest absolute value of any real root is below this (Cauchy's bound 1 + max |c_k / c_n|).
Q cauchy_bound(const QPoly& p);

struct IsolatedRoot {
  Q lo, hi;          // exactly one root of p, in [lo, hi] (lo == hi when the root is rational and hit)
};

// All distinct roots in (a, b), each in an interval refined by bisection until
// hi - lo <= 2^-bits max(|lo|, |hi|) (or the root is hit exactly).
std::vector<IsolatedRoot> isolate_real_roots(const QPoly& p, const Q& a, const Q& b, unsigned bits);

}  // namespace flowcert
