// Baselines and regression checks (`flowcert regress`): a baseline (proofs/<paper>/baseline.json) keeps, per
// claim, the verdict, the formula texts and their hash, the key values with their trusted digits (or their
// standard errors), and the settings used. Comparing a run against it reports, claim by claim: a changed
// verdict, a value that moved beyond its trusted digits (estimates: beyond 3 combined standard errors),
// formula texts that changed (as a diff), and claims that are new or gone.
#pragma once
#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

#include "flowcert/claims/result.hpp"

namespace flowcert {

nlohmann::json make_baseline(const std::vector<ClaimResult>& results, const RunOptions& opts);

struct ClaimChange {
  std::string id;
  std::string what;                 // "verdict" | "value" | "formula" | "new" | "removed"
  std::string old_verdict, new_verdict;
  std::vector<std::string> details;  // diff lines ("- key: old", "+ key: new") or value lines
};

struct RegressOutcome {
  std::vector<ClaimChange> changes;  // in claim order, a claim may have several
  long claims = 0, unchanged = 0;
  bool moved() const { return !changes.empty(); }
  std::string text() const;          // the report for the terminal / CI log
};

// `baseline` as written by make_baseline. Claims in `not_run` (not selected, or held back without --full)
// are neither compared nor reported as removed.
RegressOutcome compare_with_baseline(const nlohmann::json& baseline, const std::vector<ClaimResult>& results,
                                     const std::set<std::string>& not_run = {});

// Whether a new value has moved from the old one beyond what either trusts.
bool value_moved(const nlohmann::json& old_value, const nlohmann::json& new_value);

}  // namespace flowcert
