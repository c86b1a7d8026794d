// iterate: a discrete map (gradient descent) beside the flow it approximates. The map runs `steps` steps in
// IEEE double (as the papers ran it); at `checkpoints` log-spaced steps k the flow, solved by both integrators
// at the flow time `step_time`(k), and the map state are compared through `quantity` (e.g. the largest
// relative deviation). `holds` judges `value` = the largest quantity over the checkpoints (at step `kstar`), or
// with `judge = "last"` the quantity at the last step (where the claim is about the map's limit).
#include <cmath>

#include "checks/flow.hpp"
#include "checks/key_values.hpp"
#include "flowcert/num/decimal.hpp"

namespace flowcert {

namespace {

class IterateKind final : public CheckKind {
 public:
  const char* name() const override { return "iterate"; }
  const char* description() const override {
    return "a discrete map (double) against a flow at log-spaced checkpoints; judges the largest deviation";
  }

  CheckResult run(const CheckContext& ctx) const override {
    const CheckSpec& spec = ctx.spec;
    CheckResult res = start(ctx);
    CompiledRelation rel = compile_relation(ctx.claim, spec);
    CompiledFlow flow = compile_flow(ctx.claim, spec);
    const DefTable defs = effective_defs(ctx.claim, spec);
    std::vector<std::string> inputs = input_names(spec);
    // The map and its initial values.
    Compiler mc(defs, inputs);
    std::vector<std::string> mvars;
    for (const auto& [v, f] : spec.map) {
      mvars.push_back(v);
      mc.add("next:" + v, f.text, f.where);
      mc.add("init:" + v, spec.iterate_state.at(v).text, spec.iterate_state.at(v).where);
    }
    mc.add("time", spec.step_time, spec.where);
    mc.add("q", spec.quantity, SourceRef{spec.where.file, spec.where.line, ctx.claim.id, spec.name + ": quantity"});
    Program mprog = mc.take();
    std::vector<Point> points = make_points(ctx.claim, spec);
    const unsigned p = ctx.digits();
    // Log-spaced checkpoints 1 .. steps.
    std::vector<long> checks;
    for (long c = 0; c < spec.checkpoints; ++c) {
      long k = static_cast<long>(std::llround(std::exp(std::log(static_cast<double>(spec.steps)) * (c + 1) / spec.checkpoints)));
      if (checks.empty() || k > checks.back()) checks.push_back(std::min(k, spec.steps));
    }
    int holds_all = 1;
    std::string summary;
    nlohmann::json per_point = nlohmann::json::array();
    for (const Point& pt : points) {
      auto set_inputs = [&](auto& ev) {
        for (std::size_t s = 0; s < mprog.params.size(); ++s)
          for (const auto& [n, val] : pt.values)
            if (n == mprog.params[s]) ev.set(static_cast<int>(s), val);
      };
      // 1. The map in double, states kept at the checkpoints.
      Evaluator<double> dev(mprog);
      set_inputs(dev);
      std::vector<Mat<double>> x;
      for (const auto& v : mvars) x.push_back(dev.root("init:" + v));
      std::vector<std::vector<Mat<double>>> at_checks;
      std::size_t next_check = 0;
      try {
        for (long k = 1; k <= spec.steps; ++k) {
          for (std::size_t i = 0; i < mvars.size(); ++i) dev.set_value(mprog.slot_of(mvars[i]), x[i]);
          std::vector<Mat<double>> nx;
          for (const auto& v : mvars) nx.push_back(dev.root("next:" + v));
          x = std::move(nx);
          if (next_check < checks.size() && k == checks[next_check]) {
            at_checks.push_back(x);
            ++next_check;
          }
        }
      } catch (const DomainError& e) {
        res.verdict = Verdict::Inconclusive;
        res.summary = at_point(rel, pt, e.what());
        return res;
      }
      // 2. The flow at the checkpoints' times, both integrators; 3. the quantity's maximum.
      double vmax[2] = {-INFINITY, -INFINITY};
      long kmax[2] = {0, 0};
      std::vector<FlowMethod> methods = flow_methods(spec);
      for (std::size_t m = 0; m < methods.size(); ++m) {
        PrecisionScope scope(p + 5);
        Evaluator<mp> ev(mprog);
        set_inputs(ev);
        std::vector<mp> times;
        for (long k : checks) {
          ev.set_value(mprog.slot_of("k"), Mat<mp>::of_scalar(mp(k)));
          times.push_back(ev.root("time").as_scalar("step_time"));
        }
        FlowSolution sol = solve_flow_at(flow, pt, methods[m], p, times);
        for (std::size_t c = 0; c < checks.size(); ++c) {
          for (std::size_t i = 0; i < mvars.size(); ++i)
            ev.set_value(mprog.slot_of(mvars[i]), Mat<mp>::from(at_checks[c][i], [](double d) { return mp(d); }));
          for (std::size_t v = 0; v < flow.sys.state_names.size(); ++v)
            if (int s = mprog.slot_of(flow.sys.state_names[v]); s >= 0) ev.set_value(s, sol.states[c][v]);
          if (int s = mprog.slot_of("t"); s >= 0) ev.set_value(s, Mat<mp>::of_scalar(times[c]));
          ev.set_value(mprog.slot_of("k"), Mat<mp>::of_scalar(mp(checks[c])));
          double q = ev.root("q").as_scalar("the quantity").convert_to<double>();
          if (spec.judge_last ? c + 1 == checks.size() : q > vmax[m]) {
            vmax[m] = q;
            kmax[m] = checks[c];
          }
        }
      }
      // 4. Judge `value` (the largest quantity, or with judge = "last" the one at the last step) with the relation.
      PrecisionScope scope(p + 5);
      Point judged = pt;
      judged.values.emplace_back("value", Mat<Q>::of_scalar(Q(vmax[0])));
      judged.values.emplace_back("kstar", Mat<Q>::of_scalar(Q(kmax[0])));
      Evaluator<mp> rev(rel.prog);
      load_point(rev, judged, rel.where);
      int d = decide_with_margin(rel.op, rev.value(rel.lhs), rev.value(rel.rhs), 12, rel.where);
      if (methods.size() > 1 && std::abs(vmax[0] - vmax[1]) > 1e-9 * std::max(1.0, std::abs(vmax[0]))) d = -1;
      holds_all = std::min(holds_all, d);
      char buf[200];
      std::snprintf(buf, sizeof buf, "%s quantity %.6g at step %ld of %ld (%zu checkpoints)", spec.judge_last ? "final" : "largest", vmax[0], kmax[0],
                    spec.steps, checks.size());
      summary = buf;
      per_point.push_back({{"point", pt.label}, {"value", vmax[0]}, {"kstar", kmax[0]}});
      add_value(res, mp_value(pt.label + ": value", mp(vmax[0]), 6));  // the map runs in double: 6 digits kept
    }
    res.evidence = {{"per_point", per_point}, {"steps", spec.steps}, {"checkpoints", checks.size()}, {"map_arithmetic", "double"},
                    {"flow_precision_digits", p}};
    res.verdict = holds_all == 1 ? Verdict::Verified : holds_all == 0 ? Verdict::Refuted : Verdict::Inconclusive;
    res.summary = summary + (points.size() > 1 ? " (last of " + std::to_string(points.size()) + " points)" : "");
    return res;
  }
};

}  // namespace

const CheckKind& iterate_kind() {
  static const IterateKind k;
  return k;
}

}  // namespace flowcert
