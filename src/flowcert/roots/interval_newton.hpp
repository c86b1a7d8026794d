// Certified roots of a scalar equation F(x) = 0 by the interval Newton operator (Moore; Neumaier,
// "Interval methods for systems of equations", Thm 5.1.7):
//   N(X) = m - F(m) / F'(X),   m in X an exact point, F'(X) an enclosure of F' over X.
// If 0 is not in F'(X) and N(X) lies in the interior of X, then X contains exactly one root of F
// (existence by the mean-value theorem and Brouwer, uniqueness because F is strictly monotone on X).
// If N(X) and X are disjoint, X holds no root. F is a compiled formula; F'(X) comes from forward-mode
// AD (Jet1) through the same formula, in MPFI (the search) or Arb (the recheck).
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "flowcert/num/scalar.hpp"
#include "flowcert/sym/program.hpp"
#include "flowcert/linalg/mat.hpp"

namespace flowcert {

// F(x) = 0: node `root` of `prog` (a scalar), the unknown in parameter `slot`, other inputs exact.
struct ScalarEquation {
  const Program* prog = nullptr;
  int root = -1;
  int slot = -1;
  std::vector<std::pair<int, Mat<Q>>> inputs;
};

template <class T>
struct NewtonTest {
  T fm;      // F(m)
  T dfx;     // F'(X)
  T image;   // N(X)
  int verdict = -1;  // 1: exactly one root in X; 0: no root in X; -1: undecided
  std::string why;
};

// The interval Newton test of X with the exact point m (which must lie in X).
template <class T>
NewtonTest<T> newton_test(const ScalarEquation& f, const T& X, const Q& m);

// F over X (T-valued) and F'(X).
template <class T>
T value_over(const ScalarEquation& f, const T& X);
template <class T>
T derivative_over(const ScalarEquation& f, const T& X);

struct RootEnclosure {
  iv x;                 // holds exactly one root
  Q mid;                // the point of the last Newton test
  bool certified = false;
  int iterations = 0;
  std::string note;     // why not, when not certified
};

// From an approximate root (e.g. MPFR Newton at a higher precision), a certified enclosure at `bits`:
// a small interval around it is grown until the Newton test succeeds, then contracted by N(X) ∩ X while
// that narrows it, and proved again on the final interval (so the certificate is one Newton test).
RootEnclosure certify_root(const ScalarEquation& f, const Q& approx, unsigned bits);

// Proves F' has one sign on [lo, hi] by bisection (at most max_pieces pieces): then F has at most one
// root there. Returns the sign (+1 / -1), or 0 with `note` when not proved.
struct MonotoneProof {
  int sign = 0;
  long pieces = 0;
  std::string note;
};
template <class T>
MonotoneProof prove_monotone(const ScalarEquation& f, const Q& lo, const Q& hi, long max_pieces = 4096);

}  // namespace flowcert
