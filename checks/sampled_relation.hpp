// The common loop of `inequality` and `counterexample`: decide a relation rigorously (MPFI) at every
// point. They differ only in what holding everywhere is worth: sampled evidence for a universal claim
// (verified) vs. a proof of an existential one (certified).
#pragma once
#include "checks/relation.hpp"

namespace flowcert {

CheckResult run_sampled_relation(const CheckContext& ctx, const char* kind, Verdict when_all_hold, bool certify_all);

}  // namespace flowcert
