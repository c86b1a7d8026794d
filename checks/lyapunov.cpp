// lyapunov: a relation that must hold at every point of a trajectory, typically the sign of a derivative
// (`holds = "dDKLdt < 0"`: a Lyapunov function decreases). Decided at every accepted step and output time
// of both integrators (use `times = { to, count }` for a dense grid) with a margin of 10^-(p - slack)
// relative to the sides' size: verified when it holds everywhere under both, refuted when both integrators
// find it violated.
#include "checks/flow_rigorous.hpp"

namespace flowcert {

namespace {

class LyapunovKind final : public CheckKind {
 public:
  const char* name() const override { return "lyapunov"; }
  const char* description() const override {
    return "a relation (e.g. the sign of a derivative) at every step of a trajectory, two integrators";
  }

  CheckResult run(const CheckContext& ctx) const override {
    const CheckSpec& spec = ctx.spec;
    if (spec.field.empty() || !spec.formulas.count("holds"))
      throw InputError(spec.where, "a lyapunov check needs state, field, times and holds");
    CheckResult res = start(ctx);
    CompiledRelation rel = compile_relation(ctx.claim, spec);
    CompiledFlow flow = compile_flow(ctx.claim, spec);
    std::vector<Point> points = make_points(ctx.claim, spec);
    const unsigned p = ctx.digits();
    const double margin = p - spec.slack;
    std::vector<FlowMethod> methods = flow_methods(spec);
    long checked = 0, undecided = 0;
    std::vector<std::string> figures;
    std::vector<std::string> first_fail(methods.size());
    std::string first_undecided;
    for (const Point& pt : points)
      for (std::size_t r = 0; r < methods.size(); ++r) {
        PrecisionScope scope(p + 5);
        Evaluator<mp> ev(rel.prog);
        auto check_at = [&](const mp& t, const std::vector<Mat<mp>>& y) {
          auto [l, rr] = relation_at(rel, ev, pt, flow.sys.state_names, y, t);
          int d = decide_with_margin(rel.op, l, rr, margin, rel.where);
          ++checked;
          if (d == 0 && first_fail[r].empty()) first_fail[r] = pt.label + " at t = " + to_display(t, 8);
          if (d == -1 && first_undecided.empty()) first_undecided = pt.label + " at t = " + to_display(t, 8);
          undecided += d == -1;
        };
        try {
          check_at(mp(0), initial_state(flow, pt));
          FlowSolution sol = solve_flow(flow, pt, methods[r], p, check_at);
          if (r == 0)
            for (const auto& f : write_flow_figure(ctx.claim, spec, flow, pt, sol, ctx.opts)) figures.push_back(f);
        } catch (const DomainError& e) {
          res.verdict = Verdict::Inconclusive;
          res.summary = at_point(rel, pt, e.what());
          return res;
        }
      }
    bool all_fail = true, any_fail = false;
    for (const auto& f : first_fail) {
      all_fail = all_fail && !f.empty();
      any_fail = any_fail || !f.empty();
    }
    const std::string methods_text = flowcert::methods_text(methods);
    res.evidence = {{"points", points.size()}, {"evaluations", checked}, {"undecided", undecided}, {"methods", methods_text},
                    {"precision_digits", p}};
    if (all_fail) {
      res.verdict = Verdict::Refuted;
      res.summary = "violated at " + first_fail[0] + " (" + methods_text + ")";
      res.evidence["first_violation"] = first_fail;
    } else if (any_fail || undecided > 0 || points.empty()) {
      res.verdict = Verdict::Inconclusive;
      res.summary = any_fail ? "the integrators disagree about a violation" : undecided ? std::to_string(undecided) + " evaluations within the margin, first " + first_undecided : "no points";
    } else {
      res.verdict = Verdict::Verified;
      res.summary = "holds at all " + std::to_string(checked) + " steps and output times (" + methods_text + ", " +
                    std::to_string(points.size()) + " points)";
    }
    if (!figures.empty()) {
      res.evidence["figures"] = figures;
      res.summary += "; figure " + figures.back();
    }
    if (spec.rigorous && res.verdict != Verdict::Inconclusive) decide_rigorously(ctx, rel, points, res);
    return res;
  }

 private:
  // With `rigorous = true`: interval enclosures of the whole trajectory (MPFI, `bits`), the relation decided
  // on sub-ranges of every step. Holding everywhere is a proof for every t in [0, t_end] (certified, with a
  // certificate); a piece where it provably fails refutes.
  static void decide_rigorously(const CheckContext& ctx, const CompiledRelation& rel, const std::vector<Point>& points,
                                CheckResult& res) {
    const CheckSpec& spec = ctx.spec;
    CompiledFlow flow = compile_flow(ctx.claim, spec);
    PrecisionScope scope(bits_to_digits(spec.bits));
    long n_pieces = 0, n_steps = 0;
    Verdict numeric = res.verdict;
    for (const Point& pt : points) {
      RigorousFlow rf;
      std::vector<DecidedPiece> pieces;
      try {
        rf = enclose_check_flow(flow, pt, spec.bits, ctx.opts.for_certificate, false, spec.lohner);
        pieces = decide_along(rel, flow, pt, rf);
      } catch (const DomainError& e) {
        res.verdict = Verdict::Inconclusive;
        res.summary += "; rigorous enclosure failed: " + at_point(rel, pt, e.what());
        return;
      }
      if (rf.steps.empty()) {
        res.verdict = Verdict::Inconclusive;
        res.summary += "; rigorous: the time range is empty, nothing was enclosed";
        return;
      }
      n_steps += static_cast<long>(rf.steps.size());
      n_pieces += static_cast<long>(pieces.size());
      bool fails = !pieces.empty() && pieces.back().decision == 0;
      bool undecided = false;
      for (const auto& pc : pieces) undecided = undecided || pc.decision == -1;
      if (fails) {
        const auto& st = rf.steps[pieces.back().step];
        res.verdict = numeric == Verdict::Verified ? Verdict::Inconclusive : Verdict::Refuted;
        res.summary = "fails on [" + to_display(Q(st.t0 + pieces.back().lo), 8) + ", " + to_display(Q(st.t0 + pieces.back().hi), 8) +
                      "] (certified by intervals) at " + pt.label;
        CertItem c;
        c.flow = flow_certificate_item(ctx.claim, spec, rel, flow, pt, rf, pieces, false);
        res.certs = {c};
        return;
      }
      if (undecided) {
        res.verdict = Verdict::Inconclusive;
        res.summary += "; the interval enclosure leaves the relation undecided on part of the trajectory at " + pt.label;
        return;
      }
      CertItem c;
      c.flow = flow_certificate_item(ctx.claim, spec, rel, flow, pt, rf, pieces, true);
      res.certs.push_back(c);
    }
    if (numeric == Verdict::Refuted) {
      // The integrators saw a violation that the enclosure proves absent: something is wrong; no verdict.
      res.verdict = Verdict::Inconclusive;
      res.summary += "; but the interval enclosure proves the relation on the whole range: the methods disagree";
      res.certs.clear();
    } else if (numeric == Verdict::Verified) {
      res.verdict = Verdict::Certified;
      res.summary = "holds for every t on the whole range: " + std::to_string(n_steps) + " enclosure steps, " +
                    std::to_string(n_pieces) + " pieces (" + std::to_string(spec.bits) + "-bit intervals); " + res.summary;
      res.evidence["rigorous"] = {{"steps", n_steps}, {"pieces", n_pieces}, {"bits", spec.bits}};
    }
  }
};

}  // namespace

const CheckKind& lyapunov_kind() {
  static const LyapunovKind k;
  return k;
}

}  // namespace flowcert
