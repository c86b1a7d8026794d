// Certificates: self-contained JSON files that prove a relation at exact points (a sign, a strict
// inequality, a refuted printed formula). Each item carries the relation's text, every definition it uses,
// the exact inputs, the arithmetic and precision, and the enclosure of lhs - rhs; a digest seals the file.
// `recheck` re-derives every enclosure with Arb balls (or GiNaC's exact rationals), independently of the
// MPFI / GMP arithmetic that made it, and rejects any file whose digest, formula hash or bounds do not hold.
#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "flowcert/claims/result.hpp"

namespace flowcert {

inline constexpr const char* kCertificateFormat = "flowcert-certificate/1";

// Throws std::runtime_error when the result has nothing certifiable.
nlohmann::json make_certificate(const ClaimResult& result);

// SHA-256 of a relation and its definitions (the "formula hash" stored with each item).
std::string relation_hash(const std::string& lhs, const std::string& op, const std::string& rhs,
                          const std::map<std::string, std::string>& defs);

// An exact value as certificate JSON: a decimal (or p/q) string, or {rows, cols, values}.
nlohmann::json exact_value_json(const Mat<Q>& v);

// SHA-256 of a flow item's relation, field, initial values, log_time flag and definitions.
std::string flow_formula_hash(const nlohmann::json& item);

// SHA-256 of a root item's equation, unknown, relation, window and definitions.
std::string root_formula_hash(const nlohmann::json& item);

struct RecheckReport {
  bool ok = false;
  std::vector<std::string> lines;  // one per item, and the reason for a rejection
};

RecheckReport recheck_certificate(const nlohmann::json& cert);

}  // namespace flowcert
