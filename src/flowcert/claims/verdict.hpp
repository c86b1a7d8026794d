// The verdict vocabulary (DESIGN.md), one everywhere:
//   certified    rigorous: exact or interval/ball arithmetic accounts for every rounding;
//   verified     high-precision numerical evidence that holds up at two precisions;
//   consistent   statistical agreement within z standard errors;
//   refuted      the formula fails decisively;
//   inconclusive not enough evidence - never a pass.
#pragma once
#include <optional>
#include <string>

namespace flowcert {

enum class Verdict { Certified, Verified, Consistent, Refuted, Inconclusive };

const char* to_string(Verdict v);
std::optional<Verdict> parse_verdict(const std::string& s);

// Combining the checks of one claim: a refutation dominates, then missing evidence, then the weakest
// kind of positive evidence.
Verdict combine(Verdict a, Verdict b);

}  // namespace flowcert
