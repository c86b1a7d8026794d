// Where a piece of input came from, so that every error names the file, the line and the claim.
#pragma once
#include <stdexcept>
#include <string>

namespace flowcert {

struct SourceRef {
  std::string file;
  long line = 0;
  std::string claim;  // claim id, empty for paper-wide definitions
  std::string field;  // e.g. "lhs", "defs.Psi", "params.a"

  std::string describe() const {
    std::string s = file.empty() ? std::string("<input>") : file;
    if (line > 0) s += ":" + std::to_string(line);
    if (!claim.empty()) s += ": claim " + claim;
    if (!field.empty()) s += ": " + field;
    return s;
  }
};

// Bad input: a malformed claims file, a formula that does not parse, an unknown symbol, a missing
// parameter, NaN. The CLI reports it and exits with status 2.
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
  InputError(const SourceRef& where, const std::string& what) : std::runtime_error(where.describe() + ": " + what) {}
};

}  // namespace flowcert
