// extremum: a local minimum or maximum of a scalar quantity along a flow, located and judged.
//   quantity = "M/M0", rate = "dMdt/M0" (its exact time derivative), find = "min" | "max",
//   window = [t_from, t_to], times = a grid fine enough to bracket the extremum,
//   holds = a relation in `value` (the quantity at the extremum) and `tstar` (its time).
// The rate's sign change on the grid brackets t*; Illinois regula falsi on the rate, re-integrating from
// the bracket's left end, narrows it to ~p/2 digits (the value, being stationary there, is good to ~p).
// Both integrators locate it; the relation is decided numerically with a margin (as lyapunov does).
#include <cmath>

#include "checks/flow.hpp"
#include "checks/key_values.hpp"
#include "flowcert/num/decimal.hpp"

namespace flowcert {

namespace {

struct Located {
  mp tstar, value;
  bool found = false;
  std::string note;
};

class ExtremumKind final : public CheckKind {
 public:
  const char* name() const override { return "extremum"; }
  const char* description() const override {
    return "a local min/max of a flow quantity, located by its derivative's sign change, judged by a relation";
  }

  CheckResult run(const CheckContext& ctx) const override {
    const CheckSpec& spec = ctx.spec;
    CheckResult res = start(ctx);
    CompiledRelation rel = compile_relation(ctx.claim, spec);
    CompiledFlow flow = compile_flow(ctx.claim, spec);
    std::vector<std::string> inputs = input_names(spec);
    Compiler qc(effective_defs(ctx.claim, spec), inputs);
    qc.add("q", spec.quantity, SourceRef{spec.where.file, spec.where.line, ctx.claim.id, spec.name + ": quantity"});
    qc.add("r", spec.rate, SourceRef{spec.where.file, spec.where.line, ctx.claim.id, spec.name + ": rate"});
    Compiler wc(effective_defs(ctx.claim, spec), inputs);
    wc.add("from", spec.window[0], spec.where);
    wc.add("to", spec.window[1], spec.where);
    Program qprog = qc.take(), wprog = wc.take();
    std::vector<Point> points = make_points(ctx.claim, spec);
    const unsigned p = ctx.digits();
    std::vector<FlowMethod> methods = flow_methods(spec);
    nlohmann::json found = nlohmann::json::array();
    int holds_all = 1;
    double cross = INFINITY;
    std::string first_fail, summary_value;
    std::vector<std::string> figures;
    for (const Point& pt : points) {
      std::vector<Located> locs;
      for (FlowMethod m : methods) {
        PrecisionScope scope(p + 5);
        Evaluator<mp> qev(qprog), wev(wprog);
        auto eval_q = [&](const std::vector<Mat<mp>>& y, const mp& t, const char* root) {
          bind_inputs(qev, qprog, pt, flow.sys.state_names, y, &t);
          return mp(qev.root(root).as_scalar("the quantity"));
        };
        bind_inputs<mp>(wev, wprog, pt, {}, {}, nullptr);
        mp from = wev.root("from").as_scalar("window"), to = wev.root("to").as_scalar("window");
        Located loc;
        try {
          FlowSolution sol = solve_flow(flow, pt, m, p);
          if (m == methods[0]) {
            auto f = write_flow_figure(ctx.claim, spec, flow, pt, sol, ctx.opts);
            figures.insert(figures.end(), f.begin(), f.end());
          }
          const int sgn = spec.find == "min" ? 1 : -1;  // min: rate goes from - to +
          std::size_t best = sol.times.size();
          mp best_q;
          for (std::size_t k = 0; k + 1 < sol.times.size(); ++k) {
            if (sol.times[k] < from || sol.times[k + 1] > to) continue;
            mp r0 = eval_q(sol.states[k], sol.times[k], "r"), r1 = eval_q(sol.states[k + 1], sol.times[k + 1], "r");
            if (!(sgn * r0 < 0 && sgn * r1 >= 0)) continue;
            mp qk = std::min(sgn * eval_q(sol.states[k], sol.times[k], "q"), sgn * eval_q(sol.states[k + 1], sol.times[k + 1], "q"));
            if (best == sol.times.size() || qk < best_q) {
              best = k;
              best_q = qk;
            }
          }
          if (best == sol.times.size()) {
            loc.note = "no sign change of the rate on the grid inside the window";
          } else {
            // Illinois regula falsi on the rate over [t_k, t_{k+1}].
            mp a = sol.times[best], b = sol.times[best + 1];
            const auto& ya = sol.states[best];
            mp fa = eval_q(ya, a, "r"), fb = eval_q(sol.states[best + 1], b, "r");
            mp tol = std::max(mp(bmp::abs(b)), mp(1)) * bmp::pow(mp(10), -static_cast<long>(p / 2));
            int side = 0;
            mp c = a;
            for (int it = 0; it < 200 && bmp::abs(b - a) > tol; ++it) {
              c = (a * fb - b * fa) / (fb - fa);
              if (!(c > a && c < b)) c = (a + b) / 2;
              mp fc = eval_q(advance_flow(flow, pt, m, p, ya, sol.times[best], c), c, "r");
              if ((fc < 0) == (fa < 0)) {
                a = c;
                fa = fc;
                if (side == -1) fb /= 2;
                side = -1;
              } else {
                b = c;
                fb = fc;
                if (side == 1) fa /= 2;
                side = 1;
              }
            }
            loc.tstar = (a + b) / 2;
            loc.value = eval_q(advance_flow(flow, pt, m, p, ya, sol.times[best], loc.tstar), loc.tstar, "q");
            loc.found = true;
          }
        } catch (const DomainError& e) {
          loc.note = at_point(rel, pt, e.what());
        }
        locs.push_back(loc);
      }
      nlohmann::json pj = {{"point", pt.label}};
      for (std::size_t i = 0; i < locs.size(); ++i) {
        if (!locs[i].found) {
          res.verdict = Verdict::Inconclusive;
          res.summary = std::string(to_string(methods[i])) + ": " + locs[i].note;
          res.evidence = {{"points", found}};
          return res;
        }
        pj[to_string(methods[i])] = {{"tstar", to_display(locs[i].tstar, 20)}, {"value", to_display(locs[i].value, 25)}};
      }
      if (locs.size() > 1) {
        PrecisionScope scope(p + 5);
        cross = std::min(cross, agreement_digits(Mat<mp>::of_scalar(locs[0].value), Mat<mp>::of_scalar(locs[1].value), rel.where));
      }
      add_value(res, mp_value(pt.label + ": value", locs[0].value, std::min(cross, static_cast<double>(p) - spec.slack)));
      add_value(res, mp_value(pt.label + ": tstar", locs[0].tstar, p / 2.0 - spec.slack / 2));
      // Judge the located extremum with every method's numbers.
      for (const auto& loc : locs) {
        PrecisionScope scope(p + 5);
        Point judged = pt;
        judged.values.emplace_back("value", Mat<Q>::of_scalar(Q(parse_exact_decimal(mpfr_to_decimal(loc.value.backend().data(), p, MPFR_RNDN)))));
        judged.values.emplace_back("tstar", Mat<Q>::of_scalar(Q(parse_exact_decimal(mpfr_to_decimal(loc.tstar.backend().data(), p, MPFR_RNDN)))));
        Evaluator<mp> ev(rel.prog);
        load_point(ev, judged, rel.where);
        int d = decide_with_margin(rel.op, ev.value(rel.lhs), ev.value(rel.rhs), p - spec.slack, rel.where);
        if (d == 0 && holds_all != 0) first_fail = pt.label;
        holds_all = std::min(holds_all, d);
      }
      summary_value = spec.find + " " + to_display(locs[0].value, 12) + " at t = " + to_display(locs[0].tstar, 10);
      found.push_back(pj);
    }
    res.evidence = {{"points", found}, {"precision_digits", p}, {"methods_agree_digits", std::isfinite(cross) ? cross : -1.0}};
    if (!figures.empty()) res.evidence["figures"] = figures;
    char agree[64];
    std::snprintf(agree, sizeof agree, "%.1f", cross);
    std::string methods_text = methods.size() > 1 ? std::string("; the two integrators agree to ") + agree + " digits" : "";
    if (holds_all == 1 && cross >= p / 2.0) {
      res.verdict = Verdict::Verified;
      res.summary = summary_value + methods_text;
    } else if (holds_all == 0 && cross >= p / 2.0) {
      res.verdict = Verdict::Refuted;
      res.summary = "the located " + summary_value + " fails the relation" + methods_text;
    } else {
      res.verdict = Verdict::Inconclusive;
      res.summary = summary_value + ": undecided within the margin or the integrators disagree" + methods_text;
    }
    if (!figures.empty()) res.summary += "; figure " + figures.back();
    return res;
  }
};

}  // namespace

const CheckKind& extremum_kind() {
  static const ExtremumKind k;
  return k;
}

}  // namespace flowcert
