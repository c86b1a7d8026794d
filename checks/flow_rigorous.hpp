// Rigorous (interval) decisions along a flow, shared by the flow kinds: the enclosure of a check's flow
// at a point, a relation decided on sub-ranges of every step (bisected until decided), and the
// certificate payload that `recheck` re-validates step by step with Arb.
#pragma once
#include <nlohmann/json.hpp>

#include "checks/flow.hpp"
#include "flowcert/ode/enclosure.hpp"

namespace flowcert {

struct RigorousFlow {
  std::vector<EnclosureStep<iv>> steps;
  int order = 0;
  unsigned bits = 0;
  Q end;  // the last stop (in s for log time)
};

// Encloses the check's flow from its initial values (enclosed in MPFI) to its last output time (and, with
// `all_stops`, stopping at every output time). With `recheckable`, every step is confirmed by the Arb
// recheck of its certificate form before it is accepted, so that a certificate written from it rechecks
// (the MPFI enclosure is a proof either way; this only costs time).
RigorousFlow enclose_check_flow(const CompiledFlow& flow, const Point& p, unsigned bits, bool recheckable,
                                bool all_stops = false);

// Pieces [lo, hi] (offsets within a step) on which the relation was decided, with the decision.
struct DecidedPiece {
  std::size_t step;
  Q lo, hi;
  int decision;  // 1 holds, 0 fails, -1 undecided at the bisection limit
};

// Decides the relation at every t covered by the enclosure; stops at the first failing piece.
std::vector<DecidedPiece> decide_along(const CompiledRelation& rel, const CompiledFlow& flow, const Point& p,
                                       const RigorousFlow& rf, int max_depth = 10);

// The certificate item of a flow relation decided on every piece.
nlohmann::json flow_certificate_item(const Claim& claim, const CheckSpec& spec, const CompiledRelation& rel,
                                     const CompiledFlow& flow, const Point& p, const RigorousFlow& rf,
                                     const std::vector<DecidedPiece>& pieces, bool holds);

}  // namespace flowcert
