// Everything a claim's verdict depends on, as text: every formula of every check (relations, equations,
// starting points, windows, polynomials, flows, maps, output times), its exact inputs, and the body of every
// definition those formulas use. `regress` diffs these texts against a baseline, and their SHA-256 is the
// claim's formula hash: an edited definition changes exactly the claims that use it.
#pragma once
#include <map>
#include <string>

#include "flowcert/claims/claim.hpp"

namespace flowcert {

// Keys: "<check> | <field>" for the check's formulas and inputs, "def <head>" for a used definition.
std::map<std::string, std::string> claim_formula_texts(const Claim& claim);

// SHA-256 over claim_formula_texts (one "key = text" line each, in key order).
std::string claim_formula_hash(const Claim& claim);

}  // namespace flowcert
