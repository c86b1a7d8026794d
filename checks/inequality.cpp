// inequality: a relation claimed for all inputs, decided rigorously (MPFI, precision raised until decided)
// at every sampled point. All points hold: verified (sampled evidence, not a proof for all inputs); a
// point where it provably fails: refuted, and that point is a certificate.
#include "checks/sampled_relation.hpp"

namespace flowcert {

namespace {

class InequalityKind final : public CheckKind {
 public:
  const char* name() const override { return "inequality"; }
  const char* description() const override {
    return "a relation that should hold everywhere, decided rigorously at every sampled point (verified if it holds)";
  }
  CheckResult run(const CheckContext& ctx) const override {
    return run_sampled_relation(ctx, name(), Verdict::Verified, false);
  }
};

}  // namespace

const CheckKind& inequality_kind() {
  static const InequalityKind k;
  return k;
}

}  // namespace flowcert
