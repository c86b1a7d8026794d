// counterexample: a relation at given exact points (typically a strict inequality that refutes a
// universal statement), certified by interval arithmetic: every point decided is a certificate item.
#include "checks/sampled_relation.hpp"

namespace flowcert {

namespace {

class CounterexampleKind final : public CheckKind {
 public:
  const char* name() const override { return "counterexample"; }
  const char* description() const override {
    return "a strict relation at given exact points, certified by interval arithmetic (certified if it holds)";
  }
  CheckResult run(const CheckContext& ctx) const override {
    return run_sampled_relation(ctx, name(), Verdict::Certified, true);
  }
};

}  // namespace

const CheckKind& counterexample_kind() {
  static const CounterexampleKind k;
  return k;
}

}  // namespace flowcert
