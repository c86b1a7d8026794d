#include "flowcert/claims/verdict.hpp"

namespace flowcert {

const char* to_string(Verdict v) {
  switch (v) {
    case Verdict::Certified: return "certified";
    case Verdict::Verified: return "verified";
    case Verdict::Consistent: return "consistent";
    case Verdict::Refuted: return "refuted";
    case Verdict::Inconclusive: return "inconclusive";
  }
  return "?";
}

std::optional<Verdict> parse_verdict(const std::string& s) {
  for (Verdict v : {Verdict::Certified, Verdict::Verified, Verdict::Consistent, Verdict::Refuted, Verdict::Inconclusive})
    if (s == to_string(v)) return v;
  return std::nullopt;
}

Verdict combine(Verdict a, Verdict b) {
  auto rank = [](Verdict v) {
    switch (v) {
      case Verdict::Refuted: return 4;
      case Verdict::Inconclusive: return 3;
      case Verdict::Consistent: return 2;
      case Verdict::Verified: return 1;
      case Verdict::Certified: return 0;
    }
    return 3;
  };
  return rank(a) >= rank(b) ? a : b;
}

}  // namespace flowcert
