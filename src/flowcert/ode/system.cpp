#include "flowcert/ode/system.hpp"

namespace flowcert {

OdeSystem compile_ode(const OdeSpec& spec, const DefTable& defs_in, const std::vector<std::string>& inputs) {
  OdeSystem sys;
  sys.log_time = spec.log_time;
  DefTable defs = defs_in;
  std::vector<std::string> names = inputs;
  // The time variable's name(s) must not be taken by a parameter, a state variable or a definition.
  std::vector<std::string> reserved = {spec.time_name};
  if (spec.log_time) reserved.push_back("s");
  for (const auto& r : reserved) {
    for (const auto& n : inputs)
      if (n == r) throw InputError(spec.where, "'" + r + "' is the flow's time variable and cannot also be a parameter");
    for (const auto& [var, f] : spec.field)
      if (var == r) throw InputError(spec.where, "'" + r + "' is the flow's time variable and cannot be a state variable");
    if (defs.count(r)) throw InputError(spec.where, "'" + r + "' is the flow's time variable and cannot be defined under defs");
  }
  for (const auto& [var, f] : spec.field) {
    names.push_back(var);
    sys.state_names.push_back(var);
  }
  if (spec.log_time) {
    // t becomes a definition in s, and every right-hand side is multiplied by dt/ds = e^s.
    sys.time_name = "s";
    defs[spec.time_name] = Definition{spec.time_name, {}, "exp(s) - 1", spec.where};
  } else {
    sys.time_name = spec.time_name;
  }
  names.push_back(sys.time_name);
  Compiler comp(defs, names);
  for (const auto& [var, f] : spec.field) {
    std::string text = spec.log_time ? "exp(s)*(" + f + ")" : f;
    SourceRef w = spec.where;
    w.field = "field." + var;
    sys.field_roots.push_back(comp.add("field:" + var, text, w));
  }
  sys.used_defs = comp.used_definitions();
  sys.used_defs.erase(spec.time_name);  // the log-time substitution is implied by log_time
  sys.prog = comp.take();
  for (const auto& v : sys.state_names) sys.state_slots.push_back(sys.prog.slot_of(v));
  sys.time_slot = sys.prog.slot_of(sys.time_name);
  return sys;
}

}  // namespace flowcert
