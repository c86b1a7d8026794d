// Shared by the check kinds: a check's formulas compiled as one relation "lhs op rhs", loading a point
// into an evaluator, deciding a relation from a sign, and turning a decided point into a certificate item.
#pragma once
#include <map>
#include <optional>
#include <string>

#include "checks/check_kind.hpp"
#include "flowcert/num/ops.hpp"
#include "flowcert/sym/evaluator.hpp"

namespace flowcert {

struct CompiledRelation {
  Program prog;
  int lhs = -1, rhs = -1;
  std::string op;  // == != < <= > >=
  std::string lhs_text, rhs_text;
  SourceRef where;
  std::map<std::string, std::string> defs;
};

// Compiles `holds` (split at its comparison) or `lhs`/`rhs` (op "=="). Throws InputError.
CompiledRelation compile_relation(const Claim& claim, const CheckSpec& spec);

// Sets every input the program uses from the point; a missing input is an InputError. An input named in
// `except` is left alone (the caller sets it: an unknown, an enclosure, a symbol).
template <class T>
void load_point(Evaluator<T>& ev, const Point& p, const SourceRef& where, const std::string& except = "") {
  const Program& prog = ev.program();
  for (std::size_t s = 0; s < prog.params.size(); ++s) {
    if (!except.empty() && prog.params[s] == except) continue;
    bool found = false;
    for (const auto& [name, v] : p.values)
      if (name == prog.params[s]) {
        ev.set(static_cast<int>(s), v);
        found = true;
        break;
      }
    if (!found && prog.uses(static_cast<int>(s)))
      throw InputError(where, "no value for input '" + prog.params[s] + "' at " + p.label);
  }
}

// 1: the relation holds, 0: it fails, -1: undecided (sign unknown).
int decide(const std::string& op, int sign);
// The same for an enclosure of lhs - rhs, using its bounds where the sign is unknown ([a, b], b <= 0 fails > 0).
int decide_enclosure(const std::string& op, const iv& d);
// The same, except that "==" holds when d contains 0: enclosures can refute an equality, never prove it,
// so a rigorous "==" means "consistent" and its callers report a bound on |d| beside it.
int decide_enclosure_or_consistent(const std::string& op, const iv& d);

// lhs - rhs with broadcasting (a shape mismatch is an InputError naming the formula).
template <class T>
Mat<T> difference(const Mat<T>& l, const Mat<T>& r, const SourceRef& where) {
  try {
    return broadcast(l, r, [](const T& a, const T& b) { return T(a - b); }, "-");
  } catch (const ShapeError& e) {
    throw InputError(where, std::string("the two sides have different shapes: ") + e.what());
  }
}

// Evaluates the relation at a point in interval arithmetic, raising the precision (bits, 2x, 4x) until
// every entry is decided. Returns the entrywise decisions and the enclosure of lhs - rhs.
struct IntervalDecision {
  int status = -1;           // 1 all entries hold, 0 some entry fails, -1 undecided
  std::size_t entry = 0;     // the failing (or, if undecided, the undecided) entry
  unsigned bits = 0;
  std::string lo, hi;        // enclosure of (lhs - rhs)[entry] (or of the entry nearest to failing)
  double approx = 0;         // its midpoint, for reports
};
IntervalDecision decide_with_intervals(const CompiledRelation& rel, const Point& p, unsigned bits);

// A certificate item for the relation at entry `entry` of a point (decided by decide_with_intervals).
CertItem interval_cert_item(const CheckSpec& spec, const CompiledRelation& rel, const Point& p,
                            const IntervalDecision& d, bool matrix_valued);

// The inputs of a point that the relation's program uses (what a certificate item must carry).
std::vector<std::pair<std::string, Mat<Q>>> used_inputs(const CompiledRelation& rel, const Point& p);

// Digits of agreement of two values (infinity when equal): -log10(max|a - b| / max|b|), absolute when b
// is exactly 0. `worst` receives the flat index of the largest difference.
double agreement_digits(const Mat<mp>& a, const Mat<mp>& b, const SourceRef& where, std::size_t* worst = nullptr);

// Digits of agreement for a summary: "exact" for infinity, else one decimal.
std::string digits_text(double d);

// A domain error message with the point and the formula's location.
std::string at_point(const CompiledRelation& rel, const Point& p, const std::string& what);

}  // namespace flowcert
