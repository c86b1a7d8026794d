// invariant: a quantity conserved along a flow (`conserved = "..."`, scalar or matrix). Its drift from the
// initial value, max |C(t) - C(0)| / max|C(0)| (absolute when C(0) = 0), is measured at every accepted step
// and output time under both integrators at p digits, and under extrapolation at p2. Conserved: drift below
// 10^-(p - slack) everywhere and smaller at p2. Refuted: drift above 10^-refute_digits under both methods.
#include <cmath>
#include <limits>

#include "checks/flow.hpp"

namespace flowcert {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

class InvariantKind final : public CheckKind {
 public:
  const char* name() const override { return "invariant"; }
  const char* description() const override { return "a quantity conserved along a flow, at every step, two integrators"; }

  CheckResult run(const CheckContext& ctx) const override {
    const CheckSpec& spec = ctx.spec;
    if (spec.field.empty() || !spec.formulas.count("conserved"))
      throw InputError(spec.where, "an invariant check needs state, field, times and conserved");
    CheckResult res = start(ctx);
    CompiledRelation rel = compile_relation(ctx.claim, spec);
    CompiledFlow flow = compile_flow(ctx.claim, spec);
    std::vector<Point> points = make_points(ctx.claim, spec);
    const unsigned p = ctx.digits(), p2 = flow_high_precision(p);
    std::vector<FlowMethod> methods = flow_methods(spec);
    double worst_p = kInf, worst_p2 = kInf;
    long evaluations = 0;
    std::string worst_label;
    for (const Point& pt : points) {
      for (std::size_t r = 0; r <= methods.size(); ++r) {
        bool high = r == methods.size();
        FlowMethod m = high ? methods.back() : methods[r];
        unsigned digits = high ? p2 : p;
        PrecisionScope scope(digits + 5);
        Evaluator<mp> ev(rel.prog);
        std::vector<Mat<mp>> y0 = initial_state(flow, pt);
        Mat<mp> c0 = relation_at(rel, ev, pt, flow.sys.state_names, y0, mp(0)).first;
        double drift_digits = kInf;
        StepObserver obs = [&](const mp& t, const std::vector<Mat<mp>>& y) {
          Mat<mp> c = relation_at(rel, ev, pt, flow.sys.state_names, y, t).first;
          drift_digits = std::min(drift_digits, agreement_digits(c, c0, rel.where));
          ++evaluations;
        };
        try {
          solve_flow(flow, pt, m, digits, obs);
        } catch (const DomainError& e) {
          res.verdict = Verdict::Inconclusive;
          res.summary = at_point(rel, pt, e.what());
          return res;
        }
        if (high) worst_p2 = std::min(worst_p2, drift_digits);
        else if (drift_digits < worst_p) {
          worst_p = drift_digits;
          worst_label = pt.label;
        }
      }
    }
    res.evidence = {{"points", points.size()}, {"evaluations", evaluations}, {"precision_digits", {p, p2}},
                    {"min_digits_conserved", {worst_p == kInf ? -1.0 : worst_p, worst_p2 == kInf ? -1.0 : worst_p2}},
                    {"worst_point", worst_label}};
    bool improves = worst_p2 == kInf || worst_p2 >= std::min(worst_p + 5, p2 - spec.slack);
    if (points.empty()) {
      res.verdict = Verdict::Inconclusive;
      res.summary = "no points";
    } else if (worst_p >= p - spec.slack && improves) {
      res.verdict = Verdict::Verified;
      res.summary = "conserved to " + digits_text(worst_p) + " digits at " + std::to_string(p) + " (" + digits_text(worst_p2) + " at " +
                    std::to_string(p2) + ") over " + std::to_string(evaluations) + " steps, " + std::to_string(points.size()) + " points";
    } else if (worst_p < spec.refute_digits && worst_p2 <= worst_p + 1) {
      res.verdict = Verdict::Refuted;
      char b[128];
      std::snprintf(b, sizeof b, "drifts by 10^%.2f (rel.) at %s under every method", -worst_p, worst_label.c_str());
      res.summary = b;
    } else {
      res.verdict = Verdict::Inconclusive;
      res.summary = "drift of " + digits_text(worst_p) + " digits at " + std::to_string(p) + ", " + digits_text(worst_p2) + " at " + std::to_string(p2);
    }
    return res;
  }
};

}  // namespace

const CheckKind& invariant_kind() {
  static const InvariantKind k;
  return k;
}

}  // namespace flowcert
