// Runs claims: validates them all first (so that bad input stops the run before any output is written),
// then decides each check with its kind and combines the verdicts.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "flowcert/claims/result.hpp"

namespace flowcert {

// Throws InputError for an unknown kind, a formula that does not parse or names an unknown symbol.
void validate_claims(const ClaimsFile& file);


ClaimResult run_claim(const Claim& claim, const RunOptions& opts);

// Finds proofs/<paper>*/claims.toml for a paper id ("000" or "000-softmax-hadamard"); all papers if empty.
std::vector<std::string> find_claims_files(const std::string& proofs_dir, const std::string& paper);
std::string default_proofs_dir();

}  // namespace flowcert
