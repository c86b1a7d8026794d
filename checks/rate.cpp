// rate: an asymptotic statement about a flow quantity q(t) at (typically log-spaced) output times.
//   tends_to = "L": |q - L| is non-increasing over the second half of the times (gaps under the noise floor
//   10^-(p - slack) count as 0) and ends below `tolerance`;
//   slope = "s": the least-squares slope of log|q| against log t over the times is s within `tolerance`.
// Both integrators must agree (to p/2 digits on q); the check refutes when both see the statement fail.
#include <cmath>

#include "checks/flow.hpp"

namespace flowcert {

namespace {

class RateKind final : public CheckKind {
 public:
  const char* name() const override { return "rate"; }
  const char* description() const override { return "an asymptotic limit or log-log slope of a flow quantity"; }

  CheckResult run(const CheckContext& ctx) const override {
    const CheckSpec& spec = ctx.spec;
    if (spec.field.empty()) throw InputError(spec.where, "a rate check needs state, field and times");
    CheckResult res = start(ctx);
    CompiledFlow flow = compile_flow(ctx.claim, spec);
    std::vector<std::string> inputs = input_names(spec);
    Compiler qc(effective_defs(ctx.claim, spec), inputs);
    SourceRef qw{spec.where.file, spec.where.line, ctx.claim.id, spec.name + ": quantity"};
    qc.add("q", spec.quantity, qw);
    qc.add("L", spec.tends_to.empty() ? spec.slope : spec.tends_to, qw);
    Program prog = qc.take();
    std::vector<Point> points = make_points(ctx.claim, spec);
    const unsigned p = ctx.digits();
    std::vector<FlowMethod> methods = flow_methods(spec);
    int verdict = 1;  // 1 holds, 0 fails, -1 undecided
    std::string summary;
    nlohmann::json per_point = nlohmann::json::array();
    for (const Point& pt : points) {
      std::vector<std::vector<double>> series;  // per method: q - L (tends_to) or log|q| (slope)
      std::vector<double> logt;
      double agree = INFINITY;
      std::vector<mp> first_q;
      for (FlowMethod m : methods) {
        PrecisionScope scope(p + 5);
        FlowSolution sol;
        try {
          sol = solve_flow(flow, pt, m, p);
        } catch (const DomainError& e) {
          res.verdict = Verdict::Inconclusive;
          res.summary = e.what();
          return res;
        }
        Evaluator<mp> ev(prog);
        std::vector<double> vals;
        std::vector<mp> qs;
        logt.clear();
        for (std::size_t k = 0; k < sol.times.size(); ++k) {
          bind_inputs(ev, prog, pt, flow.sys.state_names, sol.states[k], &sol.times[k]);
          mp q = ev.root("q").as_scalar("the quantity"), L = ev.root("L").as_scalar("the limit");
          qs.push_back(q);
          vals.push_back(spec.tends_to.empty() ? bmp::log(bmp::abs(q)).convert_to<double>() : mp(q - L).convert_to<double>());
          logt.push_back(std::log(sol.times[k].convert_to<double>()));
        }
        if (first_q.empty()) first_q = qs;
        else
          for (std::size_t k = 0; k < qs.size(); ++k) {
            // Agreement relative to max(1, |q|): a quantity that tends to 0 ends in rounding noise.
            mp gap = bmp::abs(qs[k] - first_q[k]) / std::max(mp(1), mp(bmp::abs(first_q[k])));
            if (gap > 0) agree = std::min(agree, -bmp::log10(gap).convert_to<double>());
          }
        series.push_back(vals);
      }
      nlohmann::json pj = {{"point", pt.label}, {"methods_agree_digits", std::isfinite(agree) ? agree : -1.0}};
      int point_verdict = 1;
      for (const auto& vals : series) {
        int v;
        char buf[160];
        if (!spec.tends_to.empty()) {
          // Non-increasing, where gaps below the noise floor 10^-(p - slack) count as 0.
          const double noise = std::pow(10.0, -(p - spec.slack));
          std::size_t n = vals.size(), half = n / 2;
          bool monotone = true;
          for (std::size_t k = half + 1; k < n; ++k)
            monotone = monotone && (std::abs(vals[k]) <= std::abs(vals[k - 1]) * (1 + 1e-9) || std::abs(vals[k]) <= noise);
          double last = std::abs(vals.back());
          v = (monotone && last < spec.tolerance) ? 1 : (last >= spec.tolerance ? 0 : -1);
          std::snprintf(buf, sizeof buf, "|q - L| = %.3g at t = %.3g, non-increasing over the last %zu times: %s", last,
                        std::exp(logt.back()), n - half, monotone ? "yes" : "no");
          pj["final_gap"] = last;
        } else {
          // Least squares slope of log|q| against log t.
          double n = static_cast<double>(vals.size()), sx = 0, sy = 0, sxx = 0, sxy = 0;
          for (std::size_t k = 0; k < vals.size(); ++k) {
            sx += logt[k];
            sy += vals[k];
            sxx += logt[k] * logt[k];
            sxy += logt[k] * vals[k];
          }
          double fitted = (n * sxy - sx * sy) / (n * sxx - sx * sx);
          PrecisionScope scope(p + 5);
          Evaluator<mp> ev(prog);
          bind_inputs<mp>(ev, prog, pt, {}, {}, nullptr);
          double predicted = ev.root("L").as_scalar("the slope").convert_to<double>();
          v = std::abs(fitted - predicted) <= spec.tolerance ? 1 : 0;
          std::snprintf(buf, sizeof buf, "fitted slope %.6g vs predicted %.6g", fitted, predicted);
          pj["fitted_slope"] = fitted;
        }
        summary = buf;
        point_verdict = std::min(point_verdict, v);
      }
      if (std::isfinite(agree) && agree < p / 2.0) point_verdict = -1;
      verdict = std::min(verdict, point_verdict);
      per_point.push_back(pj);
    }
    res.evidence = {{"per_point", per_point}, {"precision_digits", p}};
    res.verdict = verdict == 1 ? Verdict::Verified : verdict == 0 ? Verdict::Refuted : Verdict::Inconclusive;
    res.summary = summary + " (" + std::to_string(points.size()) + " points, " + std::to_string(methods.size()) + " integrators)";
    return res;
  }
};

}  // namespace

const CheckKind& rate_kind() {
  static const RateKind k;
  return k;
}

}  // namespace flowcert
