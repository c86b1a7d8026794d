#include "flowcert/report/html_report.hpp"

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "flowcert/claims/formula_texts.hpp"

namespace flowcert {

namespace {

std::string esc(const std::string& s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '&': o += "&amp;"; break;
      case '"': o += "&quot;"; break;
      default: o += c;
    }
  }
  return o;
}

std::string md(const std::string& s) {  // a Markdown table cell
  std::string o;
  for (char c : s) o += c == '|' ? std::string("\\|") : c == '\n' ? std::string(" ") : std::string(1, c);
  return o;
}

std::string seconds_text(double s) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f s", s);
  return b;
}

const char* kStyle = R"(body{font-family:sans-serif;margin:2em;max-width:1400px;color:#222}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}
th{background:#f2f2f2}td.v{font-weight:bold;white-space:nowrap}.certified{color:#0a6b2a}.verified{color:#1f5fa8}
.consistent{color:#1f5fa8}.refuted{color:#b01c1c}.inconclusive{color:#a86a00}.mismatch{background:#fde2e2}
code,pre{font-family:monospace;font-size:90%}pre{white-space:pre-wrap;margin:0}details{margin:2px 0}
figure{display:inline-block;margin:1em}figcaption{font-size:90%;color:#555})";

}  // namespace

std::string html_report(const ReportInput& in) {
  std::ostringstream h;
  h << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" << esc(in.title) << "</title><style>" << kStyle
    << "</style></head><body>\n<h1>" << esc(in.title) << "</h1>\n";
  // Summary by paper and verdict.
  std::map<std::string, std::map<std::string, long>> by_paper;
  long total = 0, mismatching = 0;
  for (const ClaimResult* r : in.results) {
    ++by_paper[r->claim->paper][to_string(r->verdict)];
    ++total;
    if (!r->matches()) ++mismatching;
  }
  const char* verdicts[] = {"certified", "verified", "consistent", "refuted", "inconclusive"};
  h << "<p id=\"summary\">" << total << " claims, " << (total - mismatching) << " as expected, " << mismatching << " not as expected ("
    << seconds_text(in.seconds) << ").</p>\n<table id=\"by-paper\"><tr><th>paper</th>";
  for (const char* v : verdicts) h << "<th>" << v << "</th>";
  h << "</tr>\n";
  for (const auto& [paper, counts] : by_paper) {
    h << "<tr><td>" << esc(paper) << "</td>";
    for (const char* v : verdicts) h << "<td>" << (counts.count(v) ? counts.at(v) : 0) << "</td>";
    h << "</tr>\n";
  }
  h << "</table>\n";
  if (!in.not_run.empty()) {
    h << "<p>Not run (long cross-checks, <code>--full</code>):";
    for (const auto& id : in.not_run) h << " <code>" << esc(id) << "</code>";
    h << "</p>\n";
  }
  // Regression against the baseline.
  for (const auto& [paper, outcome] : in.regress) {
    h << "<h2>Against the baseline: paper " << esc(paper) << "</h2>\n";
    if (!outcome.moved()) h << "<p>Nothing moved (" << outcome.claims << " claims).</p>\n";
    else {
      h << "<table class=\"regress\"><tr><th>claim</th><th>change</th><th>details</th></tr>\n";
      for (const auto& c : outcome.changes) {
        std::string what = c.what == "verdict" ? "verdict " + c.old_verdict + " &rarr; " + c.new_verdict : c.what;
        h << "<tr><td>" << esc(c.id) << "</td><td>" << (c.what == "verdict" ? what : esc(what)) << "</td><td><pre>";
        for (const auto& d : c.details) h << esc(d) << "\n";
        h << "</pre></td></tr>\n";
      }
      h << "</table>\n";
    }
  }
  // Figures.
  if (!in.figures.empty()) {
    h << "<h2>Reproduced figures</h2>\n";
    for (const auto& f : in.figures) {
      std::ifstream s(f);
      std::stringstream svg;
      svg << s.rdbuf();
      std::string body = svg.str();
      if (body.rfind("<svg", 0) != 0) continue;
      std::string name = f.substr(f.find_last_of('/') + 1);
      h << "<figure>" << body << "<figcaption>" << esc(name) << "</figcaption></figure>\n";
    }
  }
  // One row per claim.
  h << "<h2>Claims</h2>\n<table id=\"claims\"><tr><th>claim</th><th>paper location</th><th>verdict</th><th>expected</th>"
       "<th>formulas as checked</th><th>evidence</th><th>certificate</th></tr>\n";
  for (std::size_t i = 0; i < in.results.size(); ++i) {
    const ClaimResult& r = *in.results[i];
    const std::string v = to_string(r.verdict);
    h << "<tr class=\"claim" << (r.matches() ? "" : " mismatch") << "\" id=\"" << esc(r.claim->id) << "\"><td><code>" << esc(r.claim->id)
      << "</code></td><td>" << esc(r.claim->where) << "</td><td class=\"v " << v << "\">" << v << "</td><td>" << to_string(r.claim->expect)
      << "</td><td><details><summary>" << r.claim->checks.size() << " check(s)</summary><pre>";
    const auto texts = claim_formula_texts(*r.claim);
    for (const auto& [k, t] : texts)
      if (k.rfind("def ", 0) != 0 && k.find("| kind") == std::string::npos) h << esc(k) << ": " << esc(t) << "\n";
    h << "</pre><details><summary>definitions used</summary><pre>";
    for (const auto& [k, t] : texts)
      if (k.rfind("def ", 0) == 0) h << esc(k.substr(4)) << " = " << esc(t) << "\n";
    h << "</pre></details></details></td><td>" << esc(r.summary());
    if (r.checks.size() > 1) {
      h << "<details><summary>every check</summary><pre>";
      for (const auto& c : r.checks) h << esc(c.name) << " [" << c.kind << "] " << to_string(c.verdict) << ": " << esc(c.summary) << "\n";
      h << "</pre></details>";
    }
    h << "</td><td>";
    if (i < in.certificates.size() && !in.certificates[i].empty())
      h << "<a href=\"" << esc(in.certificates[i]) << "\">" << esc(in.certificates[i]) << "</a>";
    h << "</td></tr>\n";
  }
  h << "</table>\n<p>Certificates re-check with <code>flowcert recheck FILE</code>.</p>\n</body></html>\n";
  return h.str();
}

std::string markdown_summary(const ReportInput& in) {
  std::ostringstream m;
  long total = static_cast<long>(in.results.size()), mismatching = 0;
  for (const ClaimResult* r : in.results) mismatching += r->matches() ? 0 : 1;
  m << "# " << in.title << "\n\n" << total << " claims, " << (total - mismatching) << " as expected, " << mismatching
    << " not as expected.\n\n";
  for (const auto& [paper, outcome] : in.regress) {
    m << "## Against the baseline (paper " << paper << ")\n\n";
    if (!outcome.moved()) m << "Nothing moved.\n\n";
    for (const auto& c : outcome.changes)
      m << "- `" << c.id << "`: " << (c.what == "verdict" ? "verdict " + c.old_verdict + " -> " + c.new_verdict : c.what) << "\n";
    if (outcome.moved()) m << "\n";
  }
  m << "| claim | where | verdict | expected | evidence |\n|---|---|---|---|---|\n";
  for (const ClaimResult* r : in.results)
    m << "| `" << r->claim->id << "` | " << md(r->claim->where) << " | **" << to_string(r->verdict) << "** | " << to_string(r->claim->expect)
      << " | " << md(r->summary().substr(0, 300)) << " |\n";
  return m.str();
}

}  // namespace flowcert
