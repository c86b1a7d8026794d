// Internal to the rechecker: a certificate item that does not hold up, with the reason.
#pragma once
#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

#include "flowcert/linalg/mat.hpp"
#include "flowcert/num/ball.hpp"
#include "flowcert/num/scalar.hpp"
#include "flowcert/sym/compiler.hpp"

namespace flowcert {

struct RecheckFailure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Decides `op` for a ball d enclosing lhs - rhs, using its endpoints (as decide_enclosure does for MPFI):
// 1 holds, 0 fails, -1 undecided.
int decide_ball(const std::string& op, const Ball& d);

// The definitions an item carries ("name(args)" -> body), parsed for the compiler.
DefTable read_definitions(const nlohmann::json& defs, const SourceRef& where);

// An exact input value from its certificate JSON.
Mat<Q> recheck_input_value(const nlohmann::json& j, const std::string& name);

// Re-validates a flow item step by step with Arb; returns a one-line description, throws RecheckFailure.
std::string recheck_flow_item(const nlohmann::json& item);

// Re-validates a root item (the interval Newton test, uniqueness on the window, the relation) with Arb.
std::string recheck_root_item(const nlohmann::json& item);

}  // namespace flowcert
