// Text-level handling of formulas before GiNaC sees them.
#pragma once
#include <optional>
#include <string>

namespace flowcert {

// Rewrites decimal literals (1.25, 3e-4, .5) as exact rationals ((125/100), ...) so that GiNaC never
// creates a rounded floating-point number: every constant in a formula is exact.
std::string exactify_literals(const std::string& text);

// A relation "lhs OP rhs" with OP one of == != < <= > >=, split at the single top-level operator.
struct RelationText {
  std::string lhs, op, rhs;
};
std::optional<RelationText> split_relation(const std::string& text);

// Whitespace folded to single spaces and trimmed: the canonical text that formula hashes are taken of.
std::string normalize_formula(const std::string& text);

}  // namespace flowcert
