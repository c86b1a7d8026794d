// A check kind decides one CheckSpec: it compiles the check's formulas, evaluates them at the check's
// points in the arithmetic it needs, and returns a verdict with evidence. One file per kind in checks/.
#pragma once
#include <string>
#include <vector>

#include "flowcert/claims/instances.hpp"
#include "flowcert/claims/result.hpp"

namespace flowcert {

struct CheckContext {
  const Claim& claim;
  const CheckSpec& spec;
  const RunOptions& opts;
  unsigned digits() const { return spec.digits ? spec.digits : opts.digits; }
};

class CheckKind {
 public:
  virtual ~CheckKind() = default;
  virtual const char* name() const = 0;
  virtual const char* description() const = 0;
  virtual CheckResult run(const CheckContext& ctx) const = 0;

 protected:
  // An empty result for this kind and check.
  CheckResult start(const CheckContext& ctx) const {
    CheckResult r;
    r.name = ctx.spec.name;
    r.kind = name();
    return r;
  }
};

const std::vector<const CheckKind*>& check_kinds();
const CheckKind* find_check_kind(const std::string& name);

// The kinds (each defined in its own file).
const CheckKind& identity_kind();
const CheckKind& exact_kind();
const CheckKind& inequality_kind();
const CheckKind& counterexample_kind();
const CheckKind& trajectory_kind();
const CheckKind& invariant_kind();
const CheckKind& lyapunov_kind();
const CheckKind& extremum_kind();
const CheckKind& rate_kind();
const CheckKind& root_kind();
const CheckKind& iterate_kind();
const CheckKind& polyroot_kind();
const CheckKind& montecarlo_kind();

}  // namespace flowcert
