#include "checks/flow.hpp"

#include <chrono>
#include <cmath>
#include <limits>

#include "flowcert/report/atomic_file.hpp"
#include "flowcert/report/svg_plot.hpp"

namespace flowcert {

std::vector<std::pair<int, Mat<Q>>> flow_constants(const OdeSystem& sys, const Point& p) {
  std::vector<std::pair<int, Mat<Q>>> c;
  for (std::size_t s = 0; s < sys.prog.params.size(); ++s)
    for (const auto& [n, v] : p.values)
      if (n == sys.prog.params[s]) c.emplace_back(static_cast<int>(s), v);
  return c;
}

const char* to_string(FlowMethod m) { return m == FlowMethod::Taylor ? "taylor" : "extrapolation"; }

std::vector<FlowMethod> flow_methods(const CheckSpec& spec) {
  if (spec.method == "taylor") return {FlowMethod::Taylor};
  if (spec.method == "extrapolation") return {FlowMethod::Extrapolation};
  return {FlowMethod::Taylor, FlowMethod::Extrapolation};
}

std::string methods_text(const std::vector<FlowMethod>& methods) {
  std::string t;
  for (FlowMethod m : methods) t += (t.empty() ? "" : " + ") + std::string(to_string(m));
  return t;
}

CompiledFlow compile_flow(const Claim& claim, const CheckSpec& spec) {
  CompiledFlow f;
  const DefTable defs = effective_defs(claim, spec);
  std::vector<std::string> inputs;
  for (const auto& n : input_names(spec))
    if (!spec.field.count(n) && n != "t") inputs.push_back(n);
  OdeSpec ode;
  for (const auto& [var, fx] : spec.field) ode.field.emplace_back(var, fx.text);
  ode.log_time = spec.log_time;
  ode.where = spec.where;
  f.sys = compile_ode(ode, defs, inputs);
  Compiler init(defs, inputs);
  for (const auto& [var, x] : spec.state) init.add("init:" + var, x.text, x.where);
  f.used_defs = f.sys.used_defs;
  for (const auto& [k, v] : init.used_definitions()) f.used_defs[k] = v;
  f.init = init.take();
  Compiler times(defs, inputs);
  for (std::size_t k = 0; k < spec.times.size() && spec.kind != "iterate"; ++k) {
    SourceRef w = spec.where;
    w.field = "times[" + std::to_string(k) + "]";
    times.add("time:" + std::to_string(k), spec.times[k], w);
  }
  for (const auto& [k, v] : times.used_definitions()) f.used_defs[k] = v;
  f.times = times.take();
  f.n_times = spec.times.size();
  return f;
}

namespace {
template <class EV>
void set_point(EV& ev, const Program& prog, const Point& p) {
  for (std::size_t s = 0; s < prog.params.size(); ++s)
    for (const auto& [n, v] : p.values)
      if (n == prog.params[s]) ev.set(static_cast<int>(s), v);
}
}  // namespace

std::vector<Mat<mp>> initial_state(const CompiledFlow& flow, const Point& p) {
  Evaluator<mp> init(flow.init);
  set_point(init, flow.init, p);
  std::vector<Mat<mp>> y0;
  for (const auto& var : flow.sys.state_names) y0.push_back(init.root("init:" + var));
  return y0;
}

int decide_with_margin(const std::string& op, const Mat<mp>& l, const Mat<mp>& r, double margin_digits, const SourceRef& where) {
  Mat<mp> d = difference(l, r, where);
  mp scale(1);
  for (const mp& x : l.v) scale = std::max(scale, mp(bmp::abs(x)));
  for (const mp& x : r.v) scale = std::max(scale, mp(bmp::abs(x)));
  mp margin = scale * bmp::pow(mp(10), mp(-margin_digits));
  // Within the margin a value is indistinguishable from 0: that satisfies <=, >= and ==, and leaves the
  // strict relations and != undecided.
  int out = 1;
  for (const mp& x : d.v) {
    bool small = bmp::abs(x) <= margin;
    int v;
    if (small) v = (op == "<=" || op == ">=" || op == "==") ? 1 : -1;
    else v = decide(op, x > 0 ? 1 : -1);
    if (v == 0) return 0;
    if (v == -1) out = -1;
  }
  return out;
}

FlowSolution solve_flow(const CompiledFlow& flow, const Point& p, FlowMethod method, unsigned digits,
                        const StepObserver& observe) {
  FlowSolution sol;
  std::vector<Mat<mp>> y0 = initial_state(flow, p);
  Evaluator<mp> times(flow.times);
  set_point(times, flow.times, p);
  std::vector<mp> outputs;
  for (std::size_t k = 0; k < flow.n_times; ++k) {
    mp t = times.root("time:" + std::to_string(k)).as_scalar("a time");
    sol.times.push_back(t);
    outputs.push_back(flow.sys.log_time ? mp(bmp::log1p(t)) : t);
  }
  const auto constants = flow_constants(flow.sys, p);
  IntegrationOptions opt;
  opt.digits = digits;
  opt.tol_digits = digits;
  StepObserver obs = observe;
  if (observe && flow.sys.log_time) obs = [&](const mp& s, const std::vector<Mat<mp>>& y) { observe(mp(bmp::expm1(s)), y); };
  auto t0 = std::chrono::steady_clock::now();
  IntegrationResult r = method == FlowMethod::Taylor
                            ? taylor_integrate(flow.sys, constants, y0, mp(0), outputs, opt, obs)
                            : extrapolation_integrate(flow.sys, constants, y0, mp(0), outputs, opt, obs);
  sol.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  sol.states = std::move(r.states);
  sol.steps = r.steps;
  return sol;
}

std::vector<std::string> write_flow_figure(const Claim& claim, const CheckSpec& spec, const CompiledFlow& flow,
                                           const Point& p, const FlowSolution& sol, const RunOptions& opts) {
  if (spec.plot.name.empty() || opts.figures_dir.empty()) return {};
  std::vector<std::string> inputs = input_names(spec);
  Compiler comp(effective_defs(claim, spec), inputs);
  for (const auto& [label, f] : spec.plot.series) {
    SourceRef w = spec.where;
    w.field = "plot.series." + label;
    comp.add(label, f, w);
  }
  Program prog = comp.take();
  Evaluator<mp> ev(prog);
  PlotData d;
  d.title = spec.plot.title.empty() ? spec.plot.name : spec.plot.title;
  d.x_label = spec.plot.x_label.empty() ? "t" : spec.plot.x_label;
  d.y_label = spec.plot.y_label;
  d.log_x = spec.plot.log_x;
  d.log_y = spec.plot.log_y;
  for (const auto& [label, f] : spec.plot.series) d.series.push_back(PlotSeries{label, {}});
  for (std::size_t k = 0; k < sol.times.size(); ++k) {
    if (d.log_x && !(sol.times[k] > 0)) continue;
    bind_inputs(ev, prog, p, flow.sys.state_names, sol.states[k], &sol.times[k]);
    d.x.push_back(sol.times[k].convert_to<double>());
    for (std::size_t j = 0; j < spec.plot.series.size(); ++j)
      d.series[j].y.push_back(ev.root(spec.plot.series[j].first).as_scalar("a plotted series").convert_to<double>());
  }
  std::string base = opts.figures_dir + "/" + spec.plot.name;
  write_file_atomically(base + ".csv", plot_csv(d));
  write_file_atomically(base + ".svg", svg_line_plot(d));
  return {base + ".csv", base + ".svg"};
}

std::vector<Mat<mp>> advance_flow(const CompiledFlow& flow, const Point& p, FlowMethod method, unsigned digits,
                                  const std::vector<Mat<mp>>& y, const mp& t0, const mp& t1) {
  const auto constants = flow_constants(flow.sys, p);
  IntegrationOptions opt;
  opt.digits = digits;
  opt.tol_digits = digits;
  mp a = flow.sys.log_time ? mp(bmp::log1p(t0)) : t0, b = flow.sys.log_time ? mp(bmp::log1p(t1)) : t1;
  IntegrationResult r = method == FlowMethod::Taylor ? taylor_integrate(flow.sys, constants, y, a, {b}, opt)
                                                     : extrapolation_integrate(flow.sys, constants, y, a, {b}, opt);
  return r.states.at(0);
}

FlowSolution solve_flow_at(const CompiledFlow& flow, const Point& p, FlowMethod method, unsigned digits,
                           const std::vector<mp>& times) {
  FlowSolution sol;
  std::vector<Mat<mp>> y0 = initial_state(flow, p);
  const auto constants = flow_constants(flow.sys, p);
  std::vector<mp> outputs;
  for (const mp& t : times) outputs.push_back(flow.sys.log_time ? mp(bmp::log1p(t)) : t);
  IntegrationOptions opt;
  opt.digits = digits;
  opt.tol_digits = digits;
  IntegrationResult r = method == FlowMethod::Taylor ? taylor_integrate(flow.sys, constants, y0, mp(0), outputs, opt)
                                                     : extrapolation_integrate(flow.sys, constants, y0, mp(0), outputs, opt);
  sol.times = times;
  sol.states = std::move(r.states);
  sol.steps = r.steps;
  return sol;
}

std::pair<Mat<mp>, Mat<mp>> relation_at(const CompiledRelation& rel, Evaluator<mp>& ev, const Point& p,
                                        const std::vector<std::string>& vars, const std::vector<Mat<mp>>& state,
                                        const mp& t) {
  bind_inputs(ev, rel.prog, p, vars, state, &t);
  return {ev.value(rel.lhs), ev.value(rel.rhs)};
}

}  // namespace flowcert
