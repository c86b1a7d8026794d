// What running a claim produces: per check a verdict, a one-line summary, structured evidence, and the
// items a certificate can be made of (a relation at an exact point, decided rigorously).
#pragma once
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "flowcert/claims/claim.hpp"

namespace flowcert {

struct CertItem {
  std::string check, label;
  std::string lhs, op, rhs;                 // the relation "lhs op rhs" as formula text
  std::map<std::string, std::string> defs;  // every definition it uses: "name(args)" -> text
  std::vector<std::pair<std::string, Mat<Q>>> inputs;
  std::string arithmetic;                   // "mpfi" (enclosure of lhs - rhs) or "exact" (its value)
  unsigned bits = 0;
  std::string lo, hi;                       // outward-rounded decimal bounds, or lo = hi = exact value
  bool holds = true;                        // the truth value the enclosure proves
  nlohmann::json flow;                      // a flow item (kind "flow"), complete as written
};

// A number a check computed that a baseline keeps (`regress`): a decimal string with the digits that are
// trusted (from an enclosure's width or the agreement of two precisions), or, for a statistical estimate,
// its standard error (`se` > 0; then compared within SEs, not digit by digit).
struct KeyValue {
  std::string name;   // e.g. "K=8: lhs - rhs" or "set=1: u"
  std::string value;  // decimal
  double digits = 0;  // trusted significant digits
  double se = 0;
};

struct CheckResult {
  std::string name, kind;
  Verdict verdict = Verdict::Inconclusive;
  std::string summary;
  nlohmann::json evidence = nlohmann::json::object();
  std::vector<CertItem> certs;
  std::vector<KeyValue> values;
};

struct ClaimResult {
  const Claim* claim = nullptr;
  Verdict verdict = Verdict::Inconclusive;
  std::vector<CheckResult> checks;
  double seconds = 0;
  std::string formula_hash;  // SHA-256 over the claim's formulas and the definitions they use

  bool matches() const { return claim && verdict == claim->expect; }
  std::string summary() const;
};

struct RunOptions {
  unsigned digits = 50;        // working precision (decimal digits) unless a check sets its own
  bool for_certificate = false;  // `certify`: also make sure every certificate item will recheck (slower)
  std::string figures_dir;       // where reproduced figures (CSV + SVG) are written; empty: none
  bool full = false;             // --full: Monte-Carlo checks use their full (catalogue-size) sample counts
  unsigned threads = 0;          // Monte-Carlo threads (0: the machine's cores, at most 2 ... 64)
};

}  // namespace flowcert
