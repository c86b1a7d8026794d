// An ODE system dy/dt = f(y, t) whose state is a list of named variables (scalars, vectors or matrices)
// and whose right-hand sides are formulas, compiled together into one Program. In log time the
// system is rewritten as dy/ds = e^s f(y, e^s - 1), s = log(1 + t): horizons of 1e26 become s ~ 60.
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "flowcert/linalg/mat.hpp"
#include "flowcert/sym/compiler.hpp"
#include "flowcert/sym/program.hpp"

namespace flowcert {

struct OdeSpec {
  std::vector<std::pair<std::string, std::string>> field;  // state variable -> d/dt formula
  std::string time_name = "t";
  bool log_time = false;
  SourceRef where;
};

struct OdeSystem {
  Program prog;
  std::vector<int> state_slots;   // parameter slot of each state variable (order of OdeSpec::field)
  std::vector<int> field_roots;   // node of each right-hand side
  std::vector<std::string> state_names;
  int time_slot = -1;             // t, or s in log time (-1 if the field does not use it)
  std::string time_name;          // "t" or "s"
  bool log_time = false;
  std::map<std::string, std::string> used_defs;  // definitions the field uses (for certificates)
};

// Compiles the field with `inputs` (constant parameters) plus the state variables and time as inputs.
OdeSystem compile_ode(const OdeSpec& spec, const DefTable& defs, const std::vector<std::string>& inputs);

// Flattened state <-> per-variable matrices (shapes taken from a template state).
template <class T>
std::vector<T> flatten(const std::vector<Mat<T>>& state) {
  std::vector<T> out;
  for (const auto& m : state) out.insert(out.end(), m.v.begin(), m.v.end());
  return out;
}
template <class T>
std::vector<Mat<T>> unflatten(const std::vector<T>& flat, const std::vector<Mat<T>>& shape) {
  std::vector<Mat<T>> out = shape;
  std::size_t k = 0;
  for (auto& m : out)
    for (auto& x : m.v) x = flat[k++];
  return out;
}

}  // namespace flowcert
