// Helpers for tests: claims files written from strings into a scratch directory.
#pragma once
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "flowcert/cert/sha256.hpp"
#include "flowcert/claims/claim.hpp"
#include "flowcert/claims/runner.hpp"

namespace flowcert::test {

inline std::string scratch_dir() {
  static const std::string dir = [] {
    auto p = std::filesystem::temp_directory_path() / ("flowcert-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(p);
    return p.string();
  }();
  return dir;
}

inline std::string write_file(const std::string& name, const std::string& text) {
  std::string path = scratch_dir() + "/" + name;
  std::ofstream(path) << text;
  return path;
}

// A claims file with a [paper] header and the given body.
inline ClaimsFile load_text(const std::string& body, const std::string& name = "claims.toml") {
  return load_claims_file(write_file(name, "[paper]\nid = \"test\"\ntitle = \"test\"\n" + body));
}

// Runs the only claim of a claims file body.
// A certificate edited by hand and sealed again (a new digest), as a forger would: recheck must still reject it.
inline nlohmann::json reseal(nlohmann::json x) {
  x.erase("digest_sha256");
  x["digest_sha256"] = sha256_hex(x.dump());
  return x;
}

inline ClaimResult run_text(const std::string& body, RunOptions opts = {}) {
  static std::vector<ClaimsFile> keep;  // results point into their claims file
  keep.push_back(load_text(body));
  validate_claims(keep.back());
  return run_claim(keep.back().claims.at(0), opts);
}

}  // namespace flowcert::test
