// The two outputs of a run: the terminal table (id, verdict, expected, one line of evidence) and the JSON
// document {"claims": [...], "summary": {...}}.
#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "flowcert/claims/result.hpp"

namespace flowcert {

struct RunSummary {
  long total = 0, matching = 0, mismatching = 0;
  std::map<std::string, long> by_verdict;
  double seconds = 0;
};

RunSummary summarize(const std::vector<ClaimResult>& results, double seconds);
// With `details`, every check of a claim gets a line of its own under the claim.
std::string format_table(const std::vector<ClaimResult>& results, const RunSummary& s, bool color, bool details = false);
nlohmann::json key_value_json(const KeyValue& v);
nlohmann::json results_json(const std::vector<ClaimResult>& results, const RunSummary& s, const RunOptions& opts);

}  // namespace flowcert
