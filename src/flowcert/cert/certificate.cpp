#include "flowcert/cert/certificate.hpp"

#include "flowcert/cert/sha256.hpp"
#include "flowcert/num/decimal.hpp"

namespace flowcert {

std::string relation_hash(const std::string& lhs, const std::string& op, const std::string& rhs,
                          const std::map<std::string, std::string>& defs) {
  std::string text = lhs + " " + op + " " + rhs + "\n";
  for (const auto& [name, body] : defs) text += name + " = " + body + "\n";
  return sha256_hex(text);
}

nlohmann::json exact_value_json(const Mat<Q>& v) {
  if (v.scalar) return exact_string(v.v[0], 200);
  nlohmann::json vals = nlohmann::json::array();
  for (const auto& x : v.v) vals.push_back(exact_string(x, 200));
  return {{"rows", v.rows}, {"cols", v.cols}, {"values", vals}};
}

std::string flow_formula_hash(const nlohmann::json& item) {
  const auto& rel = item.at("relation");
  std::string text = rel.at("lhs").get<std::string>() + " " + rel.at("op").get<std::string>() + " " + rel.at("rhs").get<std::string>() + "\n";
  text += std::string("log_time = ") + (item.at("log_time").get<bool>() ? "true" : "false") + "\n";
  if (item.contains("covers")) text += "covers [0, " + item.at("covers").at("to").get<std::string>() + "]\n";
  for (const auto& [k, v] : item.at("field").items()) text += "d/dt " + k + " = " + v.get<std::string>() + "\n";
  for (const auto& [k, v] : item.at("initial").items()) text += k + "(0) = " + v.get<std::string>() + "\n";
  for (const auto& [k, v] : item.at("definitions").items()) text += k + " = " + v.get<std::string>() + "\n";
  // What the item is about: its inputs and, for a trajectory item, the output times it speaks of.
  text += "inputs " + item.at("inputs").dump() + "\n";
  if (item.contains("stops")) text += "stops " + item.at("stops").dump() + "\n";
  return sha256_hex(text);
}

std::string root_formula_hash(const nlohmann::json& item) {
  const auto& rel = item.at("relation");
  std::string text = "0 = " + item.at("equation").get<std::string>() + " for " + item.at("variable").get<std::string>() + "\n";
  text += rel.at("lhs").get<std::string>() + " " + rel.at("op").get<std::string>() + " " + rel.at("rhs").get<std::string>() + "\n";
  if (item.contains("window")) text += "window [" + item.at("window")[0].get<std::string>() + ", " + item.at("window")[1].get<std::string>() + "]\n";
  for (const auto& [k, v] : item.at("definitions").items()) text += k + " = " + v.get<std::string>() + "\n";
  text += "inputs " + item.at("inputs").dump() + "\n";
  return sha256_hex(text);
}

nlohmann::json make_certificate(const ClaimResult& r) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& c : r.checks)
    for (const auto& it : c.certs) {
      if (!it.flow.is_null()) {
        items.push_back(it.flow);
        continue;
      }
      nlohmann::json inputs = nlohmann::json::object();
      for (const auto& [name, v] : it.inputs) inputs[name] = exact_value_json(v);
      items.push_back({{"check", it.check},
                       {"point", it.label},
                       {"relation", {{"lhs", it.lhs}, {"op", it.op}, {"rhs", it.rhs}}},
                       {"definitions", it.defs},
                       {"formula_sha256", relation_hash(it.lhs, it.op, it.rhs, it.defs)},
                       {"inputs", inputs},
                       {"arithmetic", it.arithmetic},
                       {"precision_bits", it.bits},
                       {"enclosure_of_lhs_minus_rhs", {{"lo", it.lo}, {"hi", it.hi}}},
                       {"holds", it.holds}});
    }
  if (items.empty())
    throw std::runtime_error("claim " + r.claim->id + " (" + to_string(r.verdict) +
                             ") has nothing to certify: certificates are made of relations decided rigorously at exact "
                             "points (counterexample checks, or a refuting point of an identity/exact/inequality check "
                             "that interval or exact arithmetic can evaluate)");
  nlohmann::json cert = {{"format", kCertificateFormat},
                         {"claim", {{"id", r.claim->id}, {"paper", r.claim->paper}, {"where", r.claim->where},
                                    {"statement", r.claim->statement}}},
                         {"verdict", to_string(r.verdict)},
                         {"items", items}};
  cert["digest_sha256"] = sha256_hex(cert.dump());
  return cert;
}

}  // namespace flowcert
