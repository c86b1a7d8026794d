// The report a researcher reads after `verify` or `regress` (`--report DIR`): DIR/index.html, one
// self-contained page (inline CSS, reproduced figures embedded as inline SVG, no scripts or fetches): a
// summary by paper and verdict, what moved against the baseline (regress), and one row per claim with its
// paper location, the formulas as checked, the evidence and a link to its certificate (DIR/certs/<id>.json);
// and DIR/summary.md, the same verdict table in Markdown for pasting into errata or a review.
#pragma once
#include <string>
#include <vector>

#include "flowcert/claims/result.hpp"
#include "flowcert/report/baseline.hpp"

namespace flowcert {

struct ReportInput {
  std::string title;                      // e.g. "flowcert verify"
  std::vector<const ClaimResult*> results;
  std::vector<std::string> figures;       // SVG files to embed
  std::vector<std::string> certificates;  // per result: relative link, or "" when the claim has none
  std::vector<std::pair<std::string, RegressOutcome>> regress;  // per paper (regress runs only)
  std::vector<std::string> not_run;       // long cross-checks held back
  double seconds = 0;
};

std::string html_report(const ReportInput& in);
std::string markdown_summary(const ReportInput& in);

}  // namespace flowcert
