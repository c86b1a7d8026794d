// The rigorous half of the `root` kind (`rigorous = true`, scalar unknown): a certified enclosure of the
// root by interval Newton (flowcert/roots/interval_newton.hpp), uniqueness on the check's `window` by a
// one-signed derivative where a window is given, the relation decided on the enclosure, and the
// certificate item that `recheck` re-validates with Arb.
#pragma once
#include <nlohmann/json.hpp>

#include "checks/relation.hpp"

namespace flowcert {

struct CertifiedRoot {
  bool certified = false;  // an enclosure holding exactly one root
  int relation = -1;       // on the enclosure: 1 holds (for "==": 0 inside the difference), 0 fails, -1 undecided
  bool unique_on_window = false;
  double relative_width = 0;
  Q mid;                   // an exact point of the enclosure (its last Newton point)
  std::string note;        // why not certified / what was proved
  nlohmann::json item;     // the certificate item
};

// `prog` with scalar node `root` is F; the unknown `var` sits in `slot`; `approx` is an MPFR root.
CertifiedRoot certify_root_at(const Claim& claim, const CheckSpec& spec, const CompiledRelation& rel, const Program& prog,
                              int root, const std::string& var, const Point& pt, const mp& approx,
                              const std::map<std::string, std::string>& equation_defs);

}  // namespace flowcert
