// Shared by the flow check kinds (trajectory, invariant, lyapunov): a check's ODE (state, field, output
// times) compiled and solved at a point with either integrator, and relations evaluated on the solution.
#pragma once
#include <algorithm>
#include <string>
#include <vector>

#include "checks/relation.hpp"
#include "flowcert/ode/integrator.hpp"

namespace flowcert {

// The second, higher precision at which flow checks repeat a solve: p2 = p + max(10, p/3).
inline unsigned flow_high_precision(unsigned p) { return p + std::max(10u, p / 3); }

struct CompiledFlow {
  OdeSystem sys;
  Program init;   // roots "init:<var>": the initial state
  Program times;  // roots "time:<k>": the output times
  std::size_t n_times = 0;
  std::map<std::string, std::string> used_defs;  // of the field, the initial values and the times
};

enum class FlowMethod { Taylor, Extrapolation };
const char* to_string(FlowMethod m);
// The methods a check asks for (`method`: taylor | extrapolation | both).
std::vector<FlowMethod> flow_methods(const CheckSpec& spec);
// "taylor + extrapolation", for summaries.
std::string methods_text(const std::vector<FlowMethod>& methods);

CompiledFlow compile_flow(const Claim& claim, const CheckSpec& spec);

struct FlowSolution {
  std::vector<mp> times;                     // output times t (also in log time)
  std::vector<std::vector<Mat<mp>>> states;  // state at each output time
  long steps = 0;
  double seconds = 0;
};

// Advances a state from t0 to t1 (t1 > t0) with one integrator (log time handled as in solve_flow).
std::vector<Mat<mp>> advance_flow(const CompiledFlow& flow, const Point& p, FlowMethod method, unsigned digits,
                                  const std::vector<Mat<mp>>& y, const mp& t0, const mp& t1);

// The initial state at a point (current precision).
std::vector<Mat<mp>> initial_state(const CompiledFlow& flow, const Point& p);

// A relation decided numerically: 1 holds, 0 fails, -1 undecided. |lhs - rhs| within 10^-margin_digits of
// the larger of 1 and the sides' size counts as 0: it satisfies <=, >=, == and leaves <, >, != undecided.
int decide_with_margin(const std::string& op, const Mat<mp>& l, const Mat<mp>& r, double margin_digits, const SourceRef& where);

// Solves at the current precision (the caller holds a PrecisionScope of at least `digits` + guard).
// `observe` sees every accepted step with t (not s) and the state.
FlowSolution solve_flow(const CompiledFlow& flow, const Point& p, FlowMethod method, unsigned digits,
                        const StepObserver& observe = nullptr);
// The same at explicitly given output times (increasing, in t).
FlowSolution solve_flow_at(const CompiledFlow& flow, const Point& p, FlowMethod method, unsigned digits,
                           const std::vector<mp>& times);

// Writes the check's plot (if any) from a solution at its output times into opts.figures_dir as
// <name>.csv and <name>.svg; returns the file names written (empty when there is no plot or no directory).
std::vector<std::string> write_flow_figure(const Claim& claim, const CheckSpec& spec, const CompiledFlow& flow,
                                           const Point& p, const FlowSolution& sol, const RunOptions& opts);

// The point's values for the parameters the flow's field reads (its constants).
std::vector<std::pair<int, Mat<Q>>> flow_constants(const OdeSystem& sys, const Point& p);

// Binds every input of `prog` that is a state variable (from `state`), the time "t" (if `t` is given) or a
// value of the point. Inputs the program does not read may stay unbound.
template <class T>
void bind_inputs(Evaluator<T>& ev, const Program& prog, const Point& p, const std::vector<std::string>& vars,
                 const std::vector<Mat<T>>& state, const T* t) {
  for (std::size_t s = 0; s < prog.params.size(); ++s) {
    const std::string& name = prog.params[s];
    bool done = false;
    for (std::size_t v = 0; v < vars.size() && v < state.size() && !done; ++v)
      if (vars[v] == name) {
        ev.set_value(static_cast<int>(s), state[v]);
        done = true;
      }
    if (!done && t && name == "t") {
      ev.set_value(static_cast<int>(s), Mat<T>::of_scalar(*t));
      done = true;
    }
    for (const auto& [n, val] : p.values)
      if (!done && n == name) {
        ev.set(static_cast<int>(s), val);
        done = true;
      }
  }
}

// Both sides of a relation at one state and time.
std::pair<Mat<mp>, Mat<mp>> relation_at(const CompiledRelation& rel, Evaluator<mp>& ev, const Point& p,
                                        const std::vector<std::string>& vars, const std::vector<Mat<mp>>& state,
                                        const mp& t);

}  // namespace flowcert
