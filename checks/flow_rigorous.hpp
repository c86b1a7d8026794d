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
  Q end;                // the last stop (in s for log time)
  std::vector<Q> stops;  // every output time's stop (in s for log time), when enclosed with all_stops
};

// Encloses the check's flow from its initial values (enclosed in MPFI) to its last output time (and, with
// `all_stops`, stopping at every output time). With `recheckable`, every step is confirmed by the Arb
// recheck of its certificate form before it is accepted, so that a certificate written from it rechecks
// (the MPFI enclosure is a proof either way; this only costs time).
// `lohner` as CheckSpec::lohner.
RigorousFlow enclose_check_flow(const CompiledFlow& flow, const Point& p, unsigned bits, bool recheckable,
                                bool all_stops = false, int lohner = -1);

// Pieces [lo, hi] (offsets within a step) on which the relation was decided, with the decision.
struct DecidedPiece {
  std::size_t step;
  Q lo, hi;
  int decision;  // 1 holds, 0 fails, -1 undecided at the bisection limit
};

// Decides the relation at every t covered by the enclosure; stops at the first failing piece.
std::vector<DecidedPiece> decide_along(const CompiledRelation& rel, const CompiledFlow& flow, const Point& p,
                                       const RigorousFlow& rf, int max_depth = 10);

// The relation at the output times (the enclosure must stop at all of them): for each, the step ending
// there, the decision (for "==": 0 when the difference's enclosure excludes 0, else 1, "equal within
// `bound`"), and an upper bound on max |lhs - rhs| (a short decimal).
struct Checkpoint {
  std::size_t step;
  int decision;
  std::string bound;
};
std::vector<Checkpoint> decide_at_checkpoints(const CompiledRelation& rel, const CompiledFlow& flow, const Point& p,
                                              const RigorousFlow& rf);

// The certificate item of a flow relation decided at the output times.
nlohmann::json flow_checkpoint_item(const Claim& claim, const CheckSpec& spec, const CompiledRelation& rel,
                                    const CompiledFlow& flow, const Point& p, const RigorousFlow& rf,
                                    const std::vector<Checkpoint>& checkpoints, bool holds);

// The certificate item of a flow relation decided on every piece.
nlohmann::json flow_certificate_item(const Claim& claim, const CheckSpec& spec, const CompiledRelation& rel,
                                     const CompiledFlow& flow, const Point& p, const RigorousFlow& rf,
                                     const std::vector<DecidedPiece>& pieces, bool holds);

}  // namespace flowcert
