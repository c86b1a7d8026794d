#include "flowcert/report/baseline.hpp"

#include <cmath>
#include <map>
#include <set>

#include "flowcert/claims/formula_texts.hpp"
#include "flowcert/num/decimal.hpp"
#include "flowcert/report/run_report.hpp"

namespace flowcert {

nlohmann::json make_baseline(const std::vector<ClaimResult>& results, const RunOptions& opts) {
  nlohmann::json claims = nlohmann::json::object();
  for (const auto& r : results) {
    nlohmann::json values = nlohmann::json::array(), settings = nlohmann::json::array();
    for (std::size_t k = 0; k < r.checks.size(); ++k) {
      const CheckResult& c = r.checks[k];
      const CheckSpec& s = r.claim->checks[k];
      for (const auto& v : c.values) {
        nlohmann::json j = key_value_json(v);
        j["check"] = c.name;
        values.push_back(j);
      }
      nlohmann::json st = {{"check", c.name}, {"kind", c.kind}, {"digits", s.digits ? s.digits : opts.digits}};
      if (s.rigorous || c.kind == "polyroot") st["bits"] = s.bits;
      if (!s.random.empty()) st["samples"] = s.samples, st["seed"] = s.seed;
      if (c.kind == "iterate") st["steps"] = s.steps;
      settings.push_back(st);
    }
    claims[r.claim->id] = {{"paper", r.claim->paper},
                           {"verdict", to_string(r.verdict)},
                           {"formula_sha256", r.formula_hash},
                           {"formulas", claim_formula_texts(*r.claim)},
                           {"values", values},
                           {"settings", settings}};
  }
  return {{"format", 1}, {"precision_digits", opts.digits}, {"claims", claims}};
}

bool value_moved(const nlohmann::json& a, const nlohmann::json& b) {
  // Statistical estimates: within 3 combined standard errors.
  const double se_a = a.value("se", 0.0), se_b = b.value("se", 0.0);
  PrecisionScope scope(80);
  mp x(a.at("value").get<std::string>()), y(b.at("value").get<std::string>());
  mp diff = bmp::abs(x - y);
  if (se_a > 0 || se_b > 0) return diff > 3 * std::sqrt(se_a * se_a + se_b * se_b);
  // Digits: the trusted digits of the less precise of the two, less one for the rounding of the last.
  const double digits = std::min(a.value("digits", 0.0), b.value("digits", 0.0)) - 1;
  if (digits <= 0) return false;
  mp scale = std::max(mp(bmp::abs(x)), mp(bmp::abs(y)));
  if (scale == 0) return false;
  return diff > scale * bmp::pow(mp(10), mp(-digits));
}

namespace {

std::string value_line(const nlohmann::json& v) {
  std::string s = v.at("value").get<std::string>();
  if (v.contains("se")) s += " (SE " + to_display(mp(v.at("se").get<double>()), 3) + ")";
  else s += " (" + to_display(mp(v.value("digits", 0.0)), 3) + " digits)";
  return s;
}

}  // namespace

RegressOutcome compare_with_baseline(const nlohmann::json& baseline, const std::vector<ClaimResult>& results,
                                     const std::set<std::string>& not_run) {
  RegressOutcome out;
  const nlohmann::json& old_claims = baseline.at("claims");
  std::set<std::string> seen;
  for (const auto& r : results) {
    const std::string& id = r.claim->id;
    seen.insert(id);
    ++out.claims;
    const std::string verdict = to_string(r.verdict);
    if (!old_claims.contains(id)) {
      out.changes.push_back({id, "new", "", verdict, {}});
      continue;
    }
    const nlohmann::json& old = old_claims.at(id);
    const std::size_t before = out.changes.size();
    if (old.at("verdict").get<std::string>() != verdict)
      out.changes.push_back({id, "verdict", old.at("verdict").get<std::string>(), verdict, {}});
    // Formula texts: a diff by key.
    std::map<std::string, std::string> now = claim_formula_texts(*r.claim), then;
    for (const auto& [k, v] : old.at("formulas").items()) then[k] = v.get<std::string>();
    std::vector<std::string> diff;
    for (const auto& [k, v] : then)
      if (!now.count(k)) diff.push_back("- " + k + ": " + v);
      else if (now.at(k) != v) diff.push_back("- " + k + ": " + v), diff.push_back("+ " + k + ": " + now.at(k));
    for (const auto& [k, v] : now)
      if (!then.count(k)) diff.push_back("+ " + k + ": " + v);
    if (!diff.empty()) out.changes.push_back({id, "formula", verdict, verdict, diff});
    // Values, matched by check and name.
    std::map<std::string, nlohmann::json> old_values, new_values;
    for (const auto& v : old.at("values")) old_values[v.at("check").get<std::string>() + " | " + v.at("name").get<std::string>()] = v;
    for (std::size_t k = 0; k < r.checks.size(); ++k)
      for (const auto& v : r.checks[k].values) new_values[r.checks[k].name + " | " + v.name] = key_value_json(v);
    std::vector<std::string> moved;
    for (const auto& [k, v] : old_values) {
      auto it = new_values.find(k);
      if (it == new_values.end()) moved.push_back("- " + k + " = " + value_line(v) + " (no longer computed)");
      else if (value_moved(v, it->second)) moved.push_back(k + ": " + value_line(v) + " -> " + value_line(it->second));
    }
    for (const auto& [k, v] : new_values)
      if (!old_values.count(k)) moved.push_back("+ " + k + " = " + value_line(v) + " (new)");
    if (!moved.empty()) out.changes.push_back({id, "value", verdict, verdict, moved});
    if (out.changes.size() == before) ++out.unchanged;
  }
  for (const auto& [id, old] : old_claims.items())
    if (!seen.count(id) && !not_run.count(id)) out.changes.push_back({id, "removed", old.at("verdict").get<std::string>(), "", {}});
  return out;
}

std::string RegressOutcome::text() const {
  std::string s;
  std::map<std::string, long> counts;
  for (const auto& c : changes) {
    ++counts[c.what];
    if (c.what == "verdict") s += c.id + ": verdict " + c.old_verdict + " -> " + c.new_verdict + "\n";
    else if (c.what == "new") s += c.id + ": new claim (" + c.new_verdict + ")\n";
    else if (c.what == "removed") s += c.id + ": removed (was " + c.old_verdict + ")\n";
    else s += c.id + ": " + (c.what == "formula" ? "formula changed" : "values moved") + " (verdict " + c.new_verdict + ")\n";
    for (const auto& d : c.details) s += "    " + d + "\n";
  }
  std::string tally;
  for (const auto& [w, n] : counts) tally += (tally.empty() ? "" : ", ") + std::to_string(n) + " " + w;
  s += "regress: " + std::to_string(claims) + " claims, " + std::to_string(unchanged) + " unchanged" +
       (changes.empty() ? "; nothing moved" : "; changes: " + tally) + "\n";
  return s;
}

}  // namespace flowcert
