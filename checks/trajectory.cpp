// trajectory: a relation between quantities of a flow at given output times: a flow vs its closed form,
// a full flow vs a reduced flow integrated alongside it, a value at a time. The flow is solved by two
// independent integrators (Taylor by automatic differentiation, and Gragg-Bulirsch-Stoer extrapolation)
// at p digits, and by extrapolation again at a higher precision p2 = p + max(10, p/3); for `==` the two sides must agree to
// p - slack digits under both methods, the methods must agree with each other, and the agreement must
// improve at p2 (a closed form that is only nearly right does not). A discrepancy above 10^-refute_digits
// under both methods, with the methods agreeing, refutes. Other relations are decided with a margin of
// 10^-(p - slack) relative to the sides' size.
#include <cmath>
#include <limits>
#include <optional>

#include "checks/flow.hpp"
#include "checks/flow_rigorous.hpp"

namespace flowcert {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();


class TrajectoryKind final : public CheckKind {
 public:
  const char* name() const override { return "trajectory"; }
  const char* description() const override {
    return "a relation between flow quantities at output times, two integrators and two precisions";
  }

  CheckResult run(const CheckContext& ctx) const override {
    const CheckSpec& spec = ctx.spec;
    if (spec.field.empty()) throw InputError(spec.where, "a trajectory check needs state, field and times");
    CheckResult res = start(ctx);
    CompiledRelation rel = compile_relation(ctx.claim, spec);
    CompiledFlow flow = compile_flow(ctx.claim, spec);
    std::vector<Point> points = make_points(ctx.claim, spec);
    const unsigned p = ctx.digits();
    const unsigned p2 = flow_high_precision(p);
    const double need = p - spec.slack;
    std::vector<FlowMethod> methods = flow_methods(spec);
    long n_ok = 0, n_bad = 0, n_unsure = 0;
    double min_digits = kInf, min_cross = kInf, min_high = kInf, worst_gap = kInf;
    long steps = 0;
    double seconds = 0;
    std::string first_bad, first_unsure;
    nlohmann::json per_point = nlohmann::json::array();
    for (const Point& pt : points) {
      // Each solution is evaluated at the precision it was computed with.
      struct Outcome {
        std::vector<std::vector<Mat<mp>>> states;
        std::vector<double> digits;  // "==": agreement per output time
        std::vector<int> decided;    // other relations: per output time
        std::string timing;
      };
      auto evaluate = [&](FlowMethod m, unsigned digits) {
        PrecisionScope scope(digits + 5);
        FlowSolution sol = solve_flow(flow, pt, m, digits);
        steps += sol.steps;
        seconds += sol.seconds;
        Outcome o;
        o.states = sol.states;
        char tb[96];
        std::snprintf(tb, sizeof tb, "%s@%u: %ld steps %.2f s", to_string(m), digits, sol.steps, sol.seconds);
        o.timing = tb;
        Evaluator<mp> ev(rel.prog);
        for (std::size_t k = 0; k < sol.times.size(); ++k) {
          auto [l, r] = relation_at(rel, ev, pt, flow.sys.state_names, sol.states[k], sol.times[k]);
          if (rel.op == "==") o.digits.push_back(agreement_digits(l, r, rel.where));
          else o.decided.push_back(decide_with_margin(rel.op, l, r, need, rel.where));
        }
        return o;
      };
      std::vector<Outcome> runs;
      try {
        for (FlowMethod m : methods) runs.push_back(evaluate(m, p));
        runs.push_back(evaluate(methods.back(), p2));  // the cheaper method (extrapolation) confirms at p2
      } catch (const DomainError& e) {
        ++n_unsure;
        if (first_unsure.empty()) first_unsure = at_point(rel, pt, e.what());
        continue;
      }
      // Agreement of the methods on the final state (at p digits).
      double cross = kInf;
      if (runs.size() > 2) {
        PrecisionScope scope(p + 5);
        for (std::size_t v = 0; v < runs[0].states.back().size(); ++v)
          cross = std::min(cross, agreement_digits(runs[0].states.back()[v], runs[1].states.back()[v], rel.where));
      }
      min_cross = std::min(min_cross, cross);
      bool integrators_agree = cross >= need;
      nlohmann::json pj = {{"point", pt.label}, {"methods_agree_digits", cross == kInf ? -1.0 : cross}};
      for (const auto& o : runs) pj["runs"].push_back(o.timing);
      if (rel.op == "==") {
        double dp = kInf, dhigh = kInf, gap = kInf;
        for (std::size_t r = 0; r + 1 < runs.size(); ++r)
          for (double d : runs[r].digits) dp = std::min(dp, d);
        for (double d : runs.back().digits) dhigh = std::min(dhigh, d);
        for (std::size_t r = 0; r + 1 < runs.size(); ++r)
          for (double d : runs[r].digits) gap = std::min(gap, d);
        min_digits = std::min(min_digits, dp);
        min_high = std::min(min_high, dhigh);
        pj["digits"] = dp == kInf ? -1.0 : dp;
        pj["digits_high_precision"] = dhigh == kInf ? -1.0 : dhigh;
        bool improves = dhigh == kInf || dhigh >= std::min(dp + 5, p2 - spec.slack);
        if (dp >= need && integrators_agree && improves) {
          ++n_ok;
        } else if (dp < spec.refute_digits && integrators_agree && dhigh <= dp + 1) {
          ++n_bad;
          if (dp < worst_gap) {
            worst_gap = dp;
            first_bad = pt.label;
          }
        } else {
          ++n_unsure;
          if (first_unsure.empty())
            first_unsure = pt.label + ": " + digits_text(dp) + " digits at " + std::to_string(p) + ", " + digits_text(dhigh) +
                           " at " + std::to_string(p2) + ", methods agree to " + digits_text(cross);
        }
      } else {
        bool all_hold = true, some_fail = false;
        for (const auto& o : runs)
          for (int d : o.decided) {
            all_hold = all_hold && d == 1;
            some_fail = some_fail || d == 0;
          }
        bool fail_everywhere = true;  // every method sees the failure at the same time index
        for (std::size_t k = 0; k < flow.n_times; ++k) {
          bool all_fail_k = true;
          for (const auto& o : runs) all_fail_k = all_fail_k && o.decided[k] == 0;
          if (all_fail_k) {
            fail_everywhere = true;
            break;
          }
          fail_everywhere = false;
        }
        if (all_hold && integrators_agree) ++n_ok;
        else if (some_fail && fail_everywhere && integrators_agree) {
          ++n_bad;
          if (first_bad.empty()) first_bad = pt.label;
        } else {
          ++n_unsure;
          if (first_unsure.empty()) first_unsure = pt.label + ": undecided within the margin or the methods disagree";
        }
      }
      per_point.push_back(pj);
    }
    long n = static_cast<long>(points.size());
    const std::string methods_text = flowcert::methods_text(methods);
    res.evidence = {{"points", n}, {"points_hold", n_ok}, {"points_fail", n_bad}, {"points_undecided", n_unsure},
                    {"precision_digits", {p, p2}}, {"methods", methods_text}, {"steps", steps},
                    {"integration_seconds", seconds}, {"per_point", per_point}};
    char buf[256];
    if (n_bad > 0) {
      res.verdict = Verdict::Refuted;
      if (rel.op == "==")
        std::snprintf(buf, sizeof buf, "discrepancy 10^%.2f (rel.) at %s under %s, unchanged at %u digits; %ld/%ld points fail",
                      -worst_gap, first_bad.c_str(), methods_text.c_str(), p2, n_bad, n);
      else
        std::snprintf(buf, sizeof buf, "fails at %s under %s; %ld/%ld points fail", first_bad.c_str(), methods_text.c_str(), n_bad, n);
      res.summary = buf;
    } else if (n_unsure > 0 || n == 0) {
      res.verdict = Verdict::Inconclusive;
      res.summary = n == 0 ? "no points" : std::to_string(n_unsure) + " points undecided; first: " + first_unsure;
    } else {
      res.verdict = Verdict::Verified;
      if (rel.op == "==")
        std::snprintf(buf, sizeof buf, "%s digits at %u (%s at %u), %s agree to %s digits; %ld points, %ld steps",
                      digits_text(min_digits).c_str(), p, digits_text(min_high).c_str(), p2, methods_text.c_str(),
                      digits_text(min_cross).c_str(), n, steps);
      else
        std::snprintf(buf, sizeof buf, "holds at every output time under %s (methods agree to %s digits); %ld points",
                      methods_text.c_str(), digits_text(min_cross).c_str(), n);
      res.summary = buf;
    }
    if (spec.rigorous && res.verdict != Verdict::Inconclusive) decide_rigorously(ctx, rel, flow, points, res);
    return res;
  }

 private:
  // With `rigorous = true`: MPFI enclosures of the flow stopping at every output time, and the relation's
  // difference enclosed there. An ordering that holds at every output time is certified; a difference whose
  // enclosure excludes the relation refutes with a certificate. Equality cannot be proved by enclosures:
  // "==" stays verified, and its certificate bounds |lhs - rhs| at every output time.
  static void decide_rigorously(const CheckContext& ctx, const CompiledRelation& rel, const CompiledFlow& flow,
                                const std::vector<Point>& points, CheckResult& res) {
    const CheckSpec& spec = ctx.spec;
    PrecisionScope scope(bits_to_digits(spec.bits));
    const Verdict numeric = res.verdict;
    std::vector<CertItem> holding;
    std::optional<CertItem> failing;
    std::string fail_at;
    long n_steps = 0;
    bool undecided = false;
    iv worst(0);
    for (const Point& pt : points) {
      RigorousFlow rf;
      std::vector<Checkpoint> cps;
      try {
        rf = enclose_check_flow(flow, pt, spec.bits, ctx.opts.for_certificate, true, spec.lohner);
        cps = decide_at_checkpoints(rel, flow, pt, rf);
      } catch (const DomainError& e) {
        res.summary += "; no rigorous enclosure (" + at_point(rel, pt, e.what()) + ")";
        return;
      }
      n_steps += static_cast<long>(rf.steps.size());
      bool fails = false;
      for (const auto& cp : cps) {
        fails = fails || cp.decision == 0;
        undecided = undecided || cp.decision == -1;
        worst = Ops<iv>::max(worst, Ops<iv>::from_q(parse_exact_decimal(cp.bound)));
        if (cp.decision == 0 && fail_at.empty())
          fail_at = pt.label + (flow.sys.log_time ? ", s = log(1 + t) = " : ", t = ") + to_display(rf.steps[cp.step].t1, 12);
      }
      CertItem c;
      c.flow = flow_checkpoint_item(ctx.claim, spec, rel, flow, pt, rf, cps, !fails);
      if (fails && !failing) failing = c;
      if (!fails) holding.push_back(c);
    }
    const std::string how = std::to_string(spec.bits) + "-bit interval enclosure, " + std::to_string(n_steps) + " steps";
    res.evidence["rigorous"] = {{"steps", n_steps}, {"bits", spec.bits}, {"max_abs_difference", IntervalOps<iv>::upper(worst, 3)}};
    if (failing) {
      if (numeric == Verdict::Refuted) {
        res.certs = {*failing};
        res.summary += "; certified by a " + how + ": the sides are separated at " + fail_at;
      } else {
        res.verdict = Verdict::Inconclusive;
        res.summary += "; but a " + how + " separates the sides at " + fail_at + ": the methods disagree";
      }
      return;
    }
    if (undecided) {
      res.summary += "; the " + how + " leaves the relation undecided at an output time";
      return;
    }
    if (rel.op == "==") {
      if (numeric == Verdict::Verified) {
        res.certs = holding;
        res.summary += "; " + how + ": |lhs - rhs| <= " + IntervalOps<iv>::upper(worst, 3) + " at every output time";
      } else {
        res.summary += "; the " + how + " does not separate the sides (|lhs - rhs| <= " + IntervalOps<iv>::upper(worst, 3) + ")";
      }
    } else if (numeric == Verdict::Verified) {
      res.verdict = Verdict::Certified;
      res.certs = holding;
      res.summary = "holds at every output time, certified by a " + how + "; " + res.summary;
    } else {
      res.verdict = Verdict::Inconclusive;
      res.summary += "; but a " + how + " proves the relation at every output time: the methods disagree";
    }
  }
};

}  // namespace

const CheckKind& trajectory_kind() {
  static const TrajectoryKind k;
  return k;
}

}  // namespace flowcert
