// flowcert: decide the claims of a paper by computation, certify counterexamples, recheck certificates.
// Exit status: 0 every verdict as expected (or certificate confirmed), 1 a verdict not as expected
// (or certificate rejected), 2 bad usage or bad input.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <set>
#include <sstream>

#include "checks/check_kind.hpp"
#include "flowcert/cert/certificate.hpp"
#include "flowcert/claims/runner.hpp"
#include "flowcert/report/atomic_file.hpp"
#include "flowcert/report/baseline.hpp"
#include "flowcert/report/html_report.hpp"
#include "flowcert/report/run_report.hpp"
#include "flowcert/sym/builtins.hpp"
#include "flowcert/sym/model.hpp"

namespace {

using namespace flowcert;

struct Selection {
  std::string paper;
  std::string claims_file;
  std::string proofs_dir;
  std::vector<std::string> claim_ids;
  bool full = false;  // also the claims marked full = true
};

struct Loaded {
  std::vector<ClaimsFile> files;
  std::vector<const Claim*> claims;
  std::vector<std::string> held_back;  // full = true claims not selected (no --full)
};

Loaded load(const Selection& sel) {
  Loaded out;
  std::vector<std::string> paths;
  if (!sel.claims_file.empty()) paths.push_back(sel.claims_file);
  else paths = find_claims_files(sel.proofs_dir.empty() ? default_proofs_dir() : sel.proofs_dir, sel.paper);
  for (const auto& p : paths) {
    if (!std::ifstream(p)) throw InputError(SourceRef{p, 0, "", ""}, "cannot open the claims file");
    out.files.push_back(load_claims_file(p));
  }
  for (const auto& f : out.files) validate_claims(f);
  std::set<std::string> wanted(sel.claim_ids.begin(), sel.claim_ids.end()), found;
  for (const auto& f : out.files)
    for (const auto& c : f.claims)
      if (wanted.empty() || wanted.count(c.id)) {
        found.insert(c.id);
        if (c.full_only && !sel.full && wanted.empty()) out.held_back.push_back(c.id);
        else out.claims.push_back(&c);
      }
  for (const auto& id : wanted)
    if (!found.count(id)) throw InputError(SourceRef{paths.size() == 1 ? paths[0] : "", 0, "", ""}, "no claim with id '" + id + "'");
  return out;
}

void add_selection(CLI::App* cmd, Selection& sel, bool many_claims) {
  cmd->add_option("--paper", sel.paper, "paper id, e.g. 000 (default: every paper under proofs/)");
  cmd->add_option("--claims", sel.claims_file, "a claims file of your own (e.g. an edited copy of proofs/<paper>/claims.toml)");
  cmd->add_option("--proofs", sel.proofs_dir, "the proofs directory (default: the source tree's proofs/, or $FLOWCERT_PROOFS)");
  if (many_claims) cmd->add_option("--claim", sel.claim_ids, "only these claim ids (repeatable)");
}

int cmd_list(const Selection& sel) {
  Loaded l = load(sel);
  for (const auto& f : l.files) {
    std::cout << "paper " << f.paper << ": " << f.title << "  (" << f.path << ", " << f.claims.size() << " claims)\n";
    for (const auto& c : f.claims) {
      if (!sel.claim_ids.empty() && std::find(l.claims.begin(), l.claims.end(), &c) == l.claims.end()) continue;
      std::string kinds;
      for (const auto& s : c.checks) kinds += (kinds.empty() ? "" : ",") + s.kind;
      char buf[512];
      std::snprintf(buf, sizeof buf, "  %-18s %-13s %-26s %s%s", c.id.c_str(), to_string(c.expect), kinds.c_str(), c.where.c_str(),
                    c.full_only ? "  [--full]" : "");
      std::cout << buf << "\n";
    }
  }
  return 0;
}

// Runs the selected claims, with progress on a terminal (claims done / total, elapsed, current claim) and
// one line per finished claim otherwise (CI logs).
std::vector<ClaimResult> run_with_progress(const std::vector<const Claim*>& claims, const RunOptions& opts, double& seconds) {
  const bool tty = isatty(STDERR_FILENO);
  std::vector<ClaimResult> results;
  auto t0 = std::chrono::steady_clock::now();
  std::size_t k = 0;
  for (const Claim* c : claims) {
    ++k;
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (tty) std::fprintf(stderr, "\r\033[K[%zu/%zu %.0fs] %s ...", k, claims.size(), elapsed, c->id.c_str());
    results.push_back(run_claim(*c, opts));
    if (!tty) std::fprintf(stderr, "[%zu/%zu] %s: %s (%.2f s)\n", k, claims.size(), c->id.c_str(), to_string(results.back().verdict), results.back().seconds);
  }
  if (tty) std::fprintf(stderr, "\r\033[K");
  seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return results;
}

std::string held_back_line(const Loaded& l) {
  if (l.held_back.empty()) return "";
  std::string ids;
  for (const auto& id : l.held_back) ids += (ids.empty() ? "" : ", ") + id;
  return std::to_string(l.held_back.size()) + " long cross-check(s) not run (add --full): " + ids + "\n";
}

// --report DIR: index.html and summary.md, the certificates of claims that have any (certs/<id>.json,
// made from this run, which was run as for `certify`), and the figures the run wrote.
void write_report(const std::string& dir, const std::string& title, const std::vector<const ClaimResult*>& results, const Loaded& l,
                  const std::vector<std::pair<std::string, RegressOutcome>>& regress, double seconds) {
  namespace fs = std::filesystem;
  ReportInput in;
  in.title = title;
  in.results = results;
  in.regress = regress;
  in.not_run = l.held_back;
  in.seconds = seconds;
  fs::create_directories(fs::path(dir) / "certs");
  for (const ClaimResult* r : results) {
    std::string link;
    bool any = false;
    for (const auto& c : r->checks) {
      any = any || !c.certs.empty();
      if (auto f = c.evidence.find("figures"); f != c.evidence.end())
        for (const auto& p : *f)
          if (p.get<std::string>().size() > 4 && p.get<std::string>().substr(p.get<std::string>().size() - 4) == ".svg") in.figures.push_back(p);
    }
    if (any) {
      try {
        nlohmann::json cert = make_certificate(*r);
        link = "certs/" + r->claim->id + ".json";
        write_file_atomically((fs::path(dir) / link).string(), cert.dump(1) + "\n");
      } catch (const std::runtime_error&) {
        link.clear();
      }
    }
    in.certificates.push_back(link);
  }
  write_file_atomically((fs::path(dir) / "index.html").string(), html_report(in));
  write_file_atomically((fs::path(dir) / "summary.md").string(), markdown_summary(in));
  std::cout << "report written to " << (fs::path(dir) / "index.html").string() << " (and summary.md, certs/)\n";
}

int cmd_verify(const Selection& sel, const RunOptions& opts, const std::string& json_path, bool details, const std::string& report) {
  Loaded l = load(sel);
  double secs = 0;
  std::vector<ClaimResult> results = run_with_progress(l.claims, opts, secs);
  RunSummary s = summarize(results, secs);
  std::cout << format_table(results, s, isatty(STDOUT_FILENO), details) << held_back_line(l);
  if (!json_path.empty()) {
    write_file_atomically(json_path, results_json(results, s, opts).dump(2) + "\n");
    std::cout << "results written to " << json_path << "\n";
  }
  if (!report.empty()) {
    std::vector<const ClaimResult*> all;
    for (const auto& r : results) all.push_back(&r);
    write_report(report, "flowcert verify", all, l, {}, secs);
  }
  return s.mismatching == 0 ? 0 : 1;
}

// regress: per claims file, run its selected claims and compare with its baseline (baseline.json beside
// the claims file, or --baseline); --accept rewrites the baseline. Exit 0 when nothing moved.
int cmd_regress(const Selection& sel, const RunOptions& opts, const std::string& baseline_path, bool accept, const std::string& report) {
  Loaded l = load(sel);
  std::vector<std::vector<ClaimResult>> kept;  // every file's results, for the report
  std::vector<std::pair<std::string, RegressOutcome>> outcomes;
  double total_secs = 0;
  if (!baseline_path.empty() && l.files.size() != 1)
    throw InputError(SourceRef{baseline_path, 0, "", ""}, "--baseline needs a single paper (--paper P or --claims FILE)");
  bool moved = false;
  for (const ClaimsFile& f : l.files) {
    std::vector<const Claim*> mine;
    std::set<std::string> not_run;
    for (const Claim& c : f.claims) {
      if (std::find(l.claims.begin(), l.claims.end(), &c) != l.claims.end()) mine.push_back(&c);
      else not_run.insert(c.id);
    }
    const std::string path = !baseline_path.empty() ? baseline_path
                                                    : (std::filesystem::path(f.path).parent_path() / "baseline.json").string();
    nlohmann::json base;
    const bool have = std::filesystem::exists(path);
    if (have) {
      std::ifstream in(path);
      try {
        base = nlohmann::json::parse(in);
        if (!base.contains("claims")) throw std::runtime_error("no \"claims\" object");
      } catch (const std::exception& e) {
        throw InputError(SourceRef{path, 0, "", ""}, std::string("not a baseline: ") + e.what());
      }
    } else if (!accept) {
      throw InputError(SourceRef{path, 0, "", ""}, "no baseline here; create it with `flowcert regress --accept`");
    }
    double secs = 0;
    std::vector<ClaimResult> results = run_with_progress(mine, opts, secs);
    std::cout << "paper " << f.paper << " (" << f.path << ", " << results.size() << " claims, " << std::fixed << std::setprecision(1) << secs
              << " s) against " << path << "\n" << std::defaultfloat;
    RegressOutcome outcome = have ? compare_with_baseline(base, results, not_run) : RegressOutcome{};
    if (have) std::cout << outcome.text();
    total_secs += secs;
    outcomes.emplace_back(f.paper, outcome);
    moved = moved || outcome.moved();
    if (accept) {
      // Keep the baseline's entries for claims not run now; replace the others.
      nlohmann::json fresh = make_baseline(results, opts);
      if (have)
        for (const auto& id : not_run)
          if (base["claims"].contains(id)) fresh["claims"][id] = base["claims"][id];
      write_file_atomically(path, fresh.dump(1) + "\n");
      std::cout << (have ? "baseline updated: " : "baseline created: ") << path << " (" << fresh["claims"].size() << " claims)\n";
    }
    kept.push_back(std::move(results));
  }
  std::cout << held_back_line(l);
  if (!report.empty()) {
    std::vector<const ClaimResult*> all;
    for (const auto& v : kept)
      for (const auto& r : v) all.push_back(&r);
    write_report(report, "flowcert regress", all, l, outcomes, total_secs);
  }
  return accept || !moved ? 0 : 1;
}

int cmd_certify(const Selection& sel, const RunOptions& opts, const std::string& out) {
  Loaded l = load(sel);
  const Claim* c = l.claims.at(0);
  RunOptions certifying = opts;
  certifying.for_certificate = true;
  ClaimResult r = run_claim(*c, certifying);
  nlohmann::json cert;
  try {
    cert = make_certificate(r);
  } catch (const std::runtime_error& e) {
    std::cerr << "flowcert certify: " << e.what() << "\n";
    return 2;
  }
  write_file_atomically(out, cert.dump(2) + "\n");
  std::cout << c->id << ": " << to_string(r.verdict) << " (expected " << to_string(c->expect) << "); "
            << cert["items"].size() << " item(s) written to " << out << "\n";
  return 0;
}

int cmd_recheck(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "flowcert recheck: cannot open " << path << "\n";
    return 2;
  }
  nlohmann::json cert;
  try {
    cert = nlohmann::json::parse(in);
  } catch (const std::exception& e) {
    std::cout << path << ": REJECTED: not valid JSON: " << e.what() << "\n";
    return 1;
  }
  RecheckReport rep = recheck_certificate(cert);
  for (const auto& line : rep.lines) std::cout << "  " << line << "\n";
  std::cout << path << ": " << (rep.ok ? "CONFIRMED" : "REJECTED") << " (claim " << cert.value("/claim/id"_json_pointer, std::string("?"))
            << ", " << cert.value("verdict", "?") << ")\n";
  return rep.ok ? 0 : 1;
}

int cmd_functions() {
  std::cout << "Functions available in formulas (indices 0-based; *, /, ^ elementwise with broadcasting):\n";
  for (const auto& b : builtins()) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "  %-10s %s", b.name, b.doc);
    std::cout << buf << "\n";
  }
  std::cout << "Paper models:\n";
  for (const auto& m : models()) std::cout << "  " << m.name << " (" << m.nargs << " args): " << m.doc << "\n";
  std::cout << "Check kinds:\n";
  for (const CheckKind* k : check_kinds()) std::cout << "  " << k->name() << ": " << k->description() << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  flowcert::register_paper_models();
  CLI::App app{"flowcert: decide the claims of papers on training dynamics by high-precision, interval and symbolic computation"};
  app.require_subcommand(1);
  Selection sel;
  flowcert::RunOptions opts;
  std::string json_path, out_path, cert_path;
  unsigned digits = 50;

  auto* list = app.add_subcommand("list", "list the claims of the papers (or of a claims file)");
  add_selection(list, sel, true);
  auto* verify = app.add_subcommand("verify", "decide claims and compare each verdict with the expected one");
  add_selection(verify, sel, true);
  verify->add_option("--precision", digits, "working precision in decimal digits (identities also run at twice this)")->check(CLI::Range(15u, 2000u));
  verify->add_option("--json", json_path, "write the results as JSON to this file (atomically)");
  verify->add_option("--figures", opts.figures_dir, "write reproduced figures (CSV + SVG) into this directory");
  bool details = false;
  std::string report_dir;
  verify->add_flag("--details", details, "one line per check under each claim");
  verify->add_option("--report", report_dir, "write an HTML report (index.html), summary.md, certificates and figures into this directory");
  verify->add_flag("--full", sel.full, "also run the long cross-checks (claims marked full = true) and Monte-Carlo checks at full sample sizes");
  verify->add_option("--threads", opts.threads, "threads for Monte-Carlo chains (default: all cores; results do not depend on it)")->check(CLI::Range(1u, 256u));
  auto* certify = app.add_subcommand("certify", "write a self-contained certificate for a claim");
  std::string certify_id;
  certify->add_option("claim", certify_id, "claim id, e.g. S0-T4.2b")->required();
  add_selection(certify, sel, false);
  certify->add_option("--out", out_path, "certificate file to write")->required();
  certify->add_option("--precision", digits, "working precision in decimal digits")->check(CLI::Range(15u, 2000u));
  auto* recheck = app.add_subcommand("recheck", "re-validate a certificate independently (exit 0 only if confirmed)");
  recheck->add_option("file", cert_path, "certificate file")->required();
  auto* regress = app.add_subcommand("regress", "re-run claims and report what moved against the stored baseline (exit 1 if anything did)");
  add_selection(regress, sel, true);
  std::string baseline_path;
  bool accept = false;
  regress->add_option("--baseline", baseline_path, "baseline file (default: baseline.json beside the claims file)");
  regress->add_flag("--accept", accept, "write the baseline from this run (atomically), after reporting what changed");
  regress->add_flag("--full", sel.full, "also run the long cross-checks (claims marked full = true) and Monte-Carlo checks at full sample sizes");
  regress->add_option("--threads", opts.threads, "threads for Monte-Carlo chains (default: all cores; results do not depend on it)")->check(CLI::Range(1u, 256u));
  regress->add_option("--precision", digits, "working precision in decimal digits")->check(CLI::Range(15u, 2000u));
  regress->add_option("--report", report_dir, "write an HTML report (index.html), summary.md, certificates and figures into this directory");
  regress->add_option("--figures", opts.figures_dir, "write reproduced figures (CSV + SVG) into this directory");
  auto* functions = app.add_subcommand("functions", "list the functions, models and check kinds formulas can use");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }
  opts.digits = digits;
  opts.full = sel.full;
  if (!report_dir.empty()) {
    // A report links certificates that recheck, and embeds the figures of the run.
    opts.for_certificate = true;
    if (opts.figures_dir.empty()) opts.figures_dir = (std::filesystem::path(report_dir) / "figures").string();
  }
  if (!opts.figures_dir.empty()) std::filesystem::create_directories(opts.figures_dir);
  try {
    if (*list) return cmd_list(sel);
    if (*verify) return cmd_verify(sel, opts, json_path, details, report_dir);
    if (*regress) return cmd_regress(sel, opts, baseline_path, accept, report_dir);
    if (*certify) {
      sel.claim_ids = {certify_id};
      return cmd_certify(sel, opts, out_path);
    }
    if (*recheck) return cmd_recheck(cert_path);
    if (*functions) return cmd_functions();
  } catch (const flowcert::InputError& e) {
    std::cerr << "flowcert: error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "flowcert: error: " << e.what() << "\n";
    return 2;
  }
  return 2;
}
