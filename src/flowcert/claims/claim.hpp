// A claims file in memory: the paper, its shared definitions, and its claims. A claim has one or more
// checks; each check names a kind (checks/), the formulas it decides, and the points it decides them at.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "flowcert/claims/verdict.hpp"
#include "flowcert/linalg/mat.hpp"
#include "flowcert/num/scalar.hpp"
#include "flowcert/sym/compiler.hpp"
#include "flowcert/sym/source.hpp"

namespace flowcert {

struct FormulaText {
  std::string text;
  SourceRef where;
};

struct ExactInput {
  Mat<Q> value;
  SourceRef where;
};

// One axis of a parameter grid: explicit values, or a range "lo..hi" (inclusive, integer steps) whose
// ends are formulas in earlier axes and parameters.
struct GridAxis {
  std::string name;
  std::vector<Mat<Q>> values;
  std::string range_lo, range_hi;
  SourceRef where;
};

// A random input: `size` is a formula (empty: a scalar). uniform: scale * (lo + (hi - lo) u);
// loguniform: scale * 10^(lo + (hi - lo) u). Values are exact decimals, so every point can be certified.
struct RandomSpec {
  std::string name;
  std::string size;
  std::string dist = "uniform";
  Q lo = 0, hi = 1;
  std::vector<Q> scales{Q(1)};
  SourceRef where;
};

struct CheckSpec {
  std::string name;
  std::string kind;
  SourceRef where;
  std::map<std::string, FormulaText> formulas;  // lhs / rhs / holds
  std::map<std::string, ExactInput> params;
  std::vector<GridAxis> grid;
  std::vector<RandomSpec> random;
  long samples = 4;               // random draws per grid point and scale
  std::uint64_t seed = 1;
  std::map<std::string, std::string> symbolic;  // name -> size formula ("" = scalar symbol)
  unsigned digits = 0;            // working precision; 0 = the run's --precision
  double slack = 10;              // identity: digits allowed below the working precision
  double refute_digits = 6;       // identity: fewer agreeing digits than this (at both precisions) refutes
  bool domain_error_refutes = false;  // a formula undefined at a point of its domain refutes the claim
  DefTable defs;                      // the check's own definitions (override the claim's)
  // Flows (trajectory, invariant, lyapunov): state variable -> initial value, and -> d/dt.
  std::map<std::string, FormulaText> state, field;
  std::vector<std::string> times;     // output times (formulas)
  bool log_time = false;              // integrate in s = log(1 + t)
  std::string method = "both";        // taylor | extrapolation | both (cross-check, the default)
  bool rigorous = false;              // flows: also decide with interval enclosures (certificates)
  // extremum: the scalar `quantity`, its exact time derivative `rate`, "min" or "max", the window in t.
  std::string quantity, rate, find = "min";
  // rate: `quantity` tends to `tends_to` (|q - L| eventually non-increasing and below `tolerance`), or
  // log|quantity| has slope `slope` in log t (least squares over the output times, within `tolerance`).
  std::string tends_to, slope;
  double tolerance = 0;
  // iterate: a discrete map (in double) beside the flow: initial values, the map, the number of steps, how
  // many checkpoints (log-spaced in k), and the flow time of step k (formula in k).
  std::map<std::string, FormulaText> iterate_state, map;
  long steps = 0, checkpoints = 100;
  bool judge_last = false;            // judge = "last": the quantity at the last step, not the largest
  std::string step_time;
  // root: unknown name -> starting point (formula), and the equations F(unknown) = 0 (a vector formula).
  std::map<std::string, FormulaText> unknowns;
  std::string equations;
  std::vector<std::string> window;   // root: uniqueness window; polyroot: the open window ("-inf"/"inf" allowed)
  // polyroot: a polynomial formula in `variable` with rational coefficients at every point.
  std::string polynomial, variable;
  // A figure (written when the run has a figures directory): of a flow at its output times, or of a root
  // over the check's points, with `x` a formula for the abscissa and `by` one that groups points into lines.
  struct Plot {
    std::string name, title, y_label, x_label, x, by;
    bool log_x = false, log_y = false;
    std::vector<std::pair<std::string, std::string>> series;  // label -> formula
  };
  Plot plot;
  // montecarlo: an estimator (checks/montecarlo.cpp) sampled in independent chains, compared with the
  // formulas `predict` (two-sided) or `lower` / `upper` (one-sided bounds), per estimated entry.
  struct MonteCarlo {
    std::string estimator, model = "thm53", statistic = "Y", arithmetic = "double";
    long chains = 0, full_chains = 0;  // independent chains (full_chains under --full; 0 = chains)
    std::string depth = "1";           // layers per chain (a formula in the point's inputs)
    double alpha = 1e-3;               // family-wise level of the claim's tests
    std::string correction = "holm";   // holm | bonferroni
    std::string plot_x;                // a figure: the abscissa formula (points joined in order)
  };
  MonteCarlo mc;
  unsigned bits = 200;                // precision of rigorous enclosures
  // Rigorous enclosures: carry Lohner's set from the first step (1), never (0), or once the enclosure's
  // relative width exceeds 1e-12 (-1, the default).
  int lohner = -1;
};

struct Claim {
  std::string id, paper, where, statement, notes;
  Verdict expect = Verdict::Verified;
  bool full_only = false;  // full = true: a long cross-check run by `verify --full` (or when named by --claim)
  SourceRef src;
  DefTable defs;  // paper-wide definitions, overridden by the claim's own
  std::vector<CheckSpec> checks;
};

struct ClaimsFile {
  std::string path, paper, title, seed;
  DefTable defs;  // the paper-wide [defs]
  std::vector<Claim> claims;
};

// The definitions a check's formulas see: paper-wide, overridden by the claim's, then by the check's.
DefTable effective_defs(const Claim& claim, const CheckSpec& spec);

// Loads and validates a claims file. Every problem is an InputError naming file, line and claim.
ClaimsFile load_claims_file(const std::string& path);

}  // namespace flowcert
