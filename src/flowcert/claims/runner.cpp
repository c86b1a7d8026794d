#include "flowcert/claims/runner.hpp"
#include "flowcert/sym/formula_text.hpp"
#include "flowcert/claims/instances.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "checks/check_kind.hpp"
#include "checks/flow.hpp"
#include "checks/relation.hpp"
#include "flowcert/cert/sha256.hpp"
#include "flowcert/claims/formula_texts.hpp"

namespace flowcert {

std::string ClaimResult::summary() const {
  if (checks.size() == 1) return checks[0].summary;
  // Several checks: their verdict counts, then the check that decided the claim's verdict.
  std::map<std::string, int> counts;
  for (const auto& c : checks) ++counts[to_string(c.verdict)];
  std::string s = std::to_string(checks.size()) + " checks (";
  bool first = true;
  for (const auto& [v, n] : counts) {
    s += (first ? "" : ", ") + std::to_string(n) + " " + v;
    first = false;
  }
  s += ")";
  for (const auto& c : checks)
    if (c.verdict == verdict) return s + "; " + c.name + ": " + c.summary;
  return s;
}

void validate_claims(const ClaimsFile& file) {
  for (const Claim& cl : file.claims)
    for (const CheckSpec& s : cl.checks) {
      if (!find_check_kind(s.kind)) {
        std::string kinds;
        for (const CheckKind* k : check_kinds()) kinds += (kinds.empty() ? "" : ", ") + std::string(k->name());
        throw InputError(s.where, "unknown check kind '" + s.kind + "' (kinds: " + kinds + ")");
      }
      if (s.kind == "montecarlo") {
        // Parse errors and unknown symbols before anything runs (the kind compiles them again).
        Compiler comp(effective_defs(cl, s), input_names(s));
        for (const auto& [name, f] : s.formulas) comp.add(name, normalize_formula(f.text), f.where);
        comp.add("depth", normalize_formula(s.mc.depth), s.where);
      } else if (!s.formulas.empty()) {
        compile_relation(cl, s);
      }
      if (!s.field.empty()) compile_flow(cl, s);
    }
}

ClaimResult run_claim(const Claim& claim, const RunOptions& opts) {
  ClaimResult r;
  r.claim = &claim;
  auto t0 = std::chrono::steady_clock::now();
  r.formula_hash = claim_formula_hash(claim);
  bool first = true;
  for (const CheckSpec& s : claim.checks) {
    const CheckKind* kind = find_check_kind(s.kind);
    if (!kind) throw InputError(s.where, "unknown check kind '" + s.kind + "'");
    CheckResult cr = kind->run(CheckContext{claim, s, opts});
    r.verdict = first ? cr.verdict : combine(r.verdict, cr.verdict);
    first = false;
    r.checks.push_back(std::move(cr));
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

std::string default_proofs_dir() {
  if (const char* env = std::getenv("FLOWCERT_PROOFS")) return env;
  return FLOWCERT_PROOFS_DIR;
}

std::vector<std::string> find_claims_files(const std::string& proofs_dir, const std::string& paper) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  if (!fs::is_directory(proofs_dir)) throw InputError(SourceRef{proofs_dir, 0, "", ""}, "the proofs directory does not exist");
  for (const auto& e : fs::directory_iterator(proofs_dir)) {
    if (!e.is_directory()) continue;
    std::string name = e.path().filename().string();
    if (!paper.empty() && name != paper && name.rfind(paper + "-", 0) != 0) continue;
    fs::path f = e.path() / "claims.toml";
    if (fs::exists(f)) out.push_back(f.string());
  }
  std::sort(out.begin(), out.end());
  if (out.empty()) throw InputError(SourceRef{proofs_dir, 0, "", ""}, paper.empty() ? "no proofs/*/claims.toml found" : "no claims file for paper '" + paper + "'");
  return out;
}

}  // namespace flowcert
