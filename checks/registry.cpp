// The registry of check kinds. A new kind is a new file in checks/ plus one line here.
#include "checks/check_kind.hpp"

namespace flowcert {

const std::vector<const CheckKind*>& check_kinds() {
  static const std::vector<const CheckKind*> kinds = {&identity_kind(), &exact_kind(), &inequality_kind(),
                                                      &counterexample_kind(),
                                                      &trajectory_kind(), &invariant_kind(), &lyapunov_kind(),
                                                      &extremum_kind(), &rate_kind(), &root_kind(), &iterate_kind(), &polyroot_kind(),
                                                      &montecarlo_kind()};
  return kinds;
}

const CheckKind* find_check_kind(const std::string& name) {
  for (const CheckKind* k : check_kinds())
    if (name == k->name()) return k;
  return nullptr;
}

}  // namespace flowcert
