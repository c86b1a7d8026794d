#include "flowcert/report/run_report.hpp"

#include <cmath>
#include <cstdio>

#include "flowcert/claims/instances.hpp"

namespace flowcert {

RunSummary summarize(const std::vector<ClaimResult>& results, double seconds) {
  RunSummary s;
  s.seconds = seconds;
  for (const auto& r : results) {
    ++s.total;
    ++s.by_verdict[to_string(r.verdict)];
    if (r.matches()) ++s.matching;
    else ++s.mismatching;
  }
  return s;
}

std::string format_table(const std::vector<ClaimResult>& results, const RunSummary& s, bool color, bool details) {
  std::size_t w_id = 5;
  for (const auto& r : results) w_id = std::max(w_id, r.claim->id.size());
  auto pad = [](std::string x, std::size_t w) {
    if (x.size() < w) x += std::string(w - x.size(), ' ');
    return x;
  };
  std::string out = pad("claim", w_id) + "  " + pad("verdict", 12) + "  " + pad("expected", 12) + "  evidence\n";
  out += std::string(w_id, '-') + "  " + std::string(12, '-') + "  " + std::string(12, '-') + "  " + std::string(40, '-') + "\n";
  for (const auto& r : results) {
    std::string v = pad(to_string(r.verdict), 12);
    if (color) v = (r.matches() ? "\033[32m" : "\033[31m") + v + "\033[0m";
    std::string mark = r.matches() ? "" : "  <-- MISMATCH";
    out += pad(r.claim->id, w_id) + "  " + v + "  " + pad(to_string(r.claim->expect), 12) + "  " + r.summary() + mark + "\n";
    if (details && r.checks.size() > 1)
      for (const auto& c : r.checks)
        out += std::string(w_id + 4, ' ') + pad(to_string(c.verdict), 12) + "  " + c.name + ": " + c.summary + "\n";
  }
  char buf[160];
  std::snprintf(buf, sizeof buf, "\n%ld claims, %ld as expected, %ld not as expected (%.1f s)", s.total, s.matching,
                s.mismatching, s.seconds);
  out += buf;
  std::string counts;
  for (const auto& [v, n] : s.by_verdict) counts += (counts.empty() ? "" : ", ") + std::to_string(n) + " " + v;
  out += ": " + counts + "\n";
  return out;
}

nlohmann::json key_value_json(const KeyValue& v) {
  nlohmann::json j = {{"name", v.name}, {"value", v.value}, {"digits", std::round(v.digits * 10) / 10}};
  if (v.se > 0) j["se"] = v.se;
  return j;
}

nlohmann::json results_json(const std::vector<ClaimResult>& results, const RunSummary& s, const RunOptions& opts) {
  nlohmann::json claims = nlohmann::json::array();
  for (const auto& r : results) {
    nlohmann::json checks = nlohmann::json::array();
    for (const auto& c : r.checks)
    {
      nlohmann::json values = nlohmann::json::array();
      for (const auto& v : c.values) values.push_back(key_value_json(v));
      checks.push_back({{"name", c.name}, {"kind", c.kind}, {"verdict", to_string(c.verdict)}, {"summary", c.summary},
                        {"evidence", c.evidence}, {"certifiable_items", c.certs.size()}, {"values", values}});
    }
    claims.push_back({{"id", r.claim->id},
                      {"paper", r.claim->paper},
                      {"where", r.claim->where},
                      {"statement", r.claim->statement},
                      {"verdict", to_string(r.verdict)},
                      {"expected", to_string(r.claim->expect)},
                      {"matches", r.matches()},
                      {"formula_sha256", r.formula_hash},
                      {"seconds", r.seconds},
                      {"evidence", {{"summary", r.summary()}, {"checks", checks}}}});
  }
  nlohmann::json summary = {{"claims", s.total}, {"as_expected", s.matching}, {"not_as_expected", s.mismatching},
                            {"by_verdict", s.by_verdict}, {"seconds", s.seconds}, {"precision_digits", opts.digits}};
  return {{"claims", claims}, {"summary", summary}};
}

}  // namespace flowcert
