// montecarlo: an expectation estimated by independent chains (checks/montecarlo_estimators.hpp) against a
// closed form. At every point the formulas `predict` (a value per entry, two-sided test) or `lower` /
// `upper` (bounds, one-sided tests) are evaluated at MPFR precision; each entry's chain mean and standard
// error give z = (estimate - prediction)/SE, and the tests of the whole check are corrected for multiple
// comparisons (Holm by default, or Bonferroni) at the family-wise level alpha. No rejection is `consistent`
// (with max |z| and the SEs printed); a rejection is `refuted` (with the rejected z's printed). Entries
// whose estimate is -inf (a singular value exactly 0 in some chain) cannot be tested and are reported.
#include <algorithm>
#include <cmath>
#include <sstream>
#include <thread>

#include "checks/key_values.hpp"
#include "checks/montecarlo_estimators.hpp"
#include "checks/point_figure.hpp"
#include "checks/relation.hpp"
#include "flowcert/num/decimal.hpp"
#include "flowcert/sym/formula_text.hpp"
#include "flowcert/random/multiple_tests.hpp"
#include "flowcert/random/stream.hpp"

namespace flowcert {

extern template class Evaluator<mp>;

namespace {

std::string fmt(double x, int digits = 6) {
  std::ostringstream o;
  o.precision(digits);
  o << x;
  return o.str();
}

std::vector<double> to_doubles(const Mat<mp>& m) {
  std::vector<double> out;
  for (const mp& x : m.v) out.push_back(static_cast<double>(x));
  return out;
}

class MonteCarloKind final : public CheckKind {
 public:
  const char* name() const override { return "montecarlo"; }
  const char* description() const override {
    return "expectations by independent chains (Benettin QR, products, Haar minors, ...) vs closed forms: z-tests, Holm/Bonferroni";
  }

  CheckResult run(const CheckContext& ctx) const override {
    CheckResult res = start(ctx);
    const CheckSpec& spec = ctx.spec;
    const auto& mc = spec.mc;
    if (mc.estimator.empty()) throw InputError(spec.where, "a montecarlo check needs montecarlo = { estimator, chains, ... }");
    const bool has_predict = spec.formulas.count("predict"), has_lower = spec.formulas.count("lower"),
               has_upper = spec.formulas.count("upper");
    if (!has_predict && !has_lower && !has_upper)
      throw InputError(spec.where, "a montecarlo check needs `predict` or `lower`/`upper` formulas");

    const DefTable defs = effective_defs(ctx.claim, spec);
    Compiler comp(defs, input_names(spec));
    std::map<std::string, int> roots;
    for (const char* f : {"predict", "lower", "upper", "indices"})
      if (auto it = spec.formulas.find(f); it != spec.formulas.end()) roots[f] = comp.add(f, normalize_formula(it->second.text), it->second.where);
    // The model's inputs may be point inputs or definitions (e.g. picked from a list by a grid index).
    const std::vector<std::string> inputs = input_names(spec);
    for (const char* f : {"n", "p", "r", "sigma", "t"})
      if (defs.count(f) || std::find(inputs.begin(), inputs.end(), f) != inputs.end()) roots[std::string("model ") + f] = comp.add(std::string("model ") + f, f, spec.where);
    roots["depth"] = comp.add("depth", normalize_formula(mc.depth), spec.where);
    Program prog = comp.take();
    PrecisionScope scope(ctx.digits());
    Evaluator<mp> ev(prog);

    const long chains = ctx.opts.full && mc.full_chains ? mc.full_chains : mc.chains;
    const unsigned threads = ctx.opts.threads ? ctx.opts.threads : std::max(1u, std::thread::hardware_concurrency());
    std::vector<Point> points = make_points(ctx.claim, spec);
    std::vector<ZTest> tests;
    std::vector<std::string> untestable;
    nlohmann::json rows = nlohmann::json::array();
    PointFigure figure(ctx.claim, spec, {"mc", "mc_se"});
    const SourceRef& where = spec.where;

    for (const Point& p : points) {
      load_point(ev, p, where);
      auto number = [&](const std::string& name, double dflt) {
        auto it = roots.find(name);
        if (it == roots.end()) {
          if (name == "model n") throw InputError(where, "montecarlo needs the width n (an input or a definition)");
          return dflt;
        }
        try {
          return static_cast<double>(ev.value(it->second).as_scalar(name.c_str()));
        } catch (const std::exception& e) {
          throw InputError(where, name + " cannot be evaluated at " + p.label + ": " + e.what());
        }
      };
      auto integer = [&](const std::string& name, double dflt) {
        double x = number(name, dflt);
        if (std::trunc(x) != x) throw InputError(where, name + " must be an integer at " + p.label);
        return static_cast<long>(x);
      };
      McSetting s;
      s.estimator = mc.estimator;
      s.statistic = mc.statistic;
      s.model.n = static_cast<int>(integer("model n", 0));
      s.model.p = number("model p", 1);
      s.model.r = static_cast<int>(integer("model r", 0));
      s.model.sigma = number("model sigma", 1);
      s.model.fgln = mc.model == "fgln";
      s.t = static_cast<int>(integer("model t", 0));
      s.mpfr = mc.arithmetic == "mpfr";
      s.digits = ctx.digits();
      s.depth = integer("depth", 1);

      std::map<std::string, std::vector<double>> target;
      std::size_t m = 0;
      try {
        for (const char* f : {"predict", "lower", "upper"})
          if (roots.count(f)) {
            target[f] = to_doubles(ev.value(roots[f]));
            if (m && target[f].size() != m) throw InputError(spec.formulas.at(f).where, "predict/lower/upper have different lengths at " + p.label);
            m = target[f].size();
          }
        if (roots.count("indices")) {
          for (double x : to_doubles(ev.value(roots["indices"]))) s.entries.push_back(static_cast<long>(std::llround(x)));
          if (s.entries.size() != m) throw InputError(spec.formulas.at("indices").where, "indices and predictions differ in length at " + p.label);
        } else {
          for (std::size_t i = 1; i <= m; ++i) s.entries.push_back(static_cast<long>(i));
        }
      } catch (const DomainError& e) {
        throw InputError(where, std::string("the prediction cannot be evaluated at ") + p.label + ": " + e.what());
      }
      ChainFn fn;
      try {
        fn = make_chain_fn(s, mix64(spec.seed ^ name_hash((ctx.claim.id + "/" + spec.name + "/" + p.label).c_str())));
      } catch (const std::invalid_argument& e) {
        throw InputError(where, std::string("montecarlo at ") + p.label + ": " + e.what());
      }
      ChainSummary sum;
      try {
        sum = summarize_chains(run_chains(chains, threads, fn));
      } catch (const std::exception& e) {
        throw InputError(where, std::string("montecarlo sampling failed at ") + p.label + ": " + e.what());
      }
      std::vector<std::pair<std::string, Mat<Q>>> extra = {{"mc", Mat<Q>::sized(m, 1)}, {"mc_se", Mat<Q>::sized(m, 1)}};
      bool plottable = true;
      for (std::size_t k = 0; k < m; ++k) {
        const std::string label = p.label + (p.label.empty() ? "" : " ") + (mc.estimator == "rank_law" ? "t=" : "i=") + std::to_string(s.entries[k]);
        nlohmann::json row = {{"point", p.label}, {"entry", s.entries[k]}, {"chains", sum.chains}};
        if (sum.zeros[k] > 0) {
          untestable.push_back(label + ": s_i = 0 exactly in " + std::to_string(sum.zeros[k]) + "/" + std::to_string(sum.chains) + " chains");
          row["zero_in_chains"] = sum.zeros[k];
          rows.push_back(row);
          plottable = false;
          continue;
        }
        row["estimate"] = sum.mean[k];
        row["se"] = sum.se[k];
        add_value(res, KeyValue{label + ": estimate", fmt(sum.mean[k], 10), 0, sum.se[k]});
        extra[0].second.v[k] = Q(sum.mean[k]);
        extra[1].second.v[k] = Q(sum.se[k]);
        for (const auto& [f, side] : {std::pair{"predict", Side::Equal}, {"lower", Side::AtLeast}, {"upper", Side::AtMost}}) {
          if (!target.count(f)) continue;
          ZTest t;
          t.label = label + (side == Side::Equal ? "" : side == Side::AtLeast ? " (lower bound)" : " (upper bound)");
          t.estimate = sum.mean[k];
          t.se = sum.se[k];
          t.target = target[f][k];
          t.side = side;
          // An SE at the rounding level means every chain gave the same value (e.g. an additive log-determinant).
          if (t.se > 1e-12 * (1 + std::abs(t.target) + std::abs(t.estimate))) {
            compute_z(t);
          } else {
            // Every chain gave the same value (e.g. a log-determinant that is additive): compare it exactly,
            // up to rounding, as a test with p = 1 (equal) or p = 0 (different).
            const double tol = 1e-9 * (1 + std::abs(t.target));
            const bool ok = side == Side::Equal ? std::abs(t.estimate - t.target) <= tol
                                                : side == Side::AtLeast ? t.estimate >= t.target - tol : t.estimate <= t.target + tol;
            t.z = ok ? 0 : (t.estimate > t.target ? INFINITY : -INFINITY);
            t.p = ok ? 1 : 0;
          }
          row[std::string(f)] = t.target;
          row[std::string("z_") + f] = t.z;
          tests.push_back(t);
        }
        rows.push_back(row);
      }
      if (figure.has_plot() && plottable) figure.add(p, extra);  // also without --figures, so a bad series is an error
    }

    const long rejected = apply_correction(tests, mc.alpha, mc.correction);
    // The test closest to rejection: |z| for a predicted value, the z towards violation for a bound.
    auto severity = [](const ZTest& t) { return t.side == Side::Equal ? std::abs(t.z) : t.side == Side::AtLeast ? -t.z : t.z; };
    double max_abs_z = -INFINITY, se_lo = INFINITY, se_hi = 0;
    const ZTest* worst = nullptr;
    for (const ZTest& t : tests) {
      if (severity(t) >= max_abs_z) { max_abs_z = severity(t); worst = &t; }
      se_lo = std::min(se_lo, t.se);
      se_hi = std::max(se_hi, t.se);
    }
    nlohmann::json tj = nlohmann::json::array();
    for (const ZTest& t : tests)
      tj.push_back({{"test", t.label}, {"estimate", t.estimate}, {"se", t.se}, {"target", t.target}, {"z", t.z}, {"p", t.p}, {"rejected", t.rejected}});
    res.evidence = {{"estimator", mc.estimator}, {"chains", chains}, {"threads", threads}, {"tests", tj},
                    {"alpha", mc.alpha}, {"correction", mc.correction}, {"rejected", rejected}, {"entries", rows}};
    if (!untestable.empty()) res.evidence["untestable"] = untestable;
    const std::string rule = mc.correction + " at alpha = " + fmt(mc.alpha, 3);
    const std::string se_range = se_lo == se_hi ? fmt(se_lo, 2) : fmt(se_lo, 2) + ".." + fmt(se_hi, 2);
    if (rejected > 0) {
      std::string list;
      long shown = 0;
      std::vector<const ZTest*> rej;
      for (const ZTest& t : tests)
        if (t.rejected) rej.push_back(&t);
      std::sort(rej.begin(), rej.end(), [](const ZTest* a, const ZTest* b) { return std::abs(a->z) > std::abs(b->z); });
      for (const ZTest* t : rej) {
        if (shown++ == 3) { list += ", ..."; break; }
        list += (list.empty() ? "" : ", ") + t->label + ": " + fmt(t->estimate) + " +- " + fmt(t->se, 2) + " vs " + fmt(t->target) + " (z = " + fmt(t->z, 3) + ")";
      }
      res.verdict = Verdict::Refuted;
      res.summary = std::to_string(rejected) + "/" + std::to_string(tests.size()) + " tests rejected (" + rule + "): " + list;
    } else if (tests.empty()) {
      res.verdict = Verdict::Inconclusive;
      res.summary = "nothing testable" + (untestable.empty() ? std::string() : ": " + untestable.front());
    } else if (!untestable.empty()) {
      res.verdict = Verdict::Inconclusive;
      res.summary = std::to_string(tests.size()) + " tests pass (largest z towards rejection " + fmt(max_abs_z, 3) + ") but " +
                    std::to_string(untestable.size()) + " entries cannot be tested: " + untestable.front();
    } else {
      res.verdict = Verdict::Consistent;
      const bool bounds = worst && worst->side != Side::Equal;
      res.summary = std::to_string(tests.size()) + " tests, none rejected (" + rule + "); " +
                    (bounds ? "closest to a bound: z = " + fmt(worst->z, 3) : "max |z| = " + fmt(max_abs_z, 3)) +
                    (worst ? " at " + worst->label : std::string()) + "; SE " + se_range + "; " + std::to_string(chains) + " chains";
    }
    if (figure.active(ctx.opts)) {
      const std::vector<std::string> figures = figure.write(ctx.opts);
      if (!figures.empty()) {
        res.evidence["figures"] = figures;
        res.summary += "; figure " + figures.back();
      }
    }
    return res;
  }
};

}  // namespace

const CheckKind& montecarlo_kind() {
  static const MonteCarloKind k;
  return k;
}

}  // namespace flowcert
