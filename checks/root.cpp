// root: a solution of F(v) = 0 (F a vector formula, v one vector unknown) by Newton's method from a given
// start, with the exact Jacobian by forward-mode AD (Jet1<mpfr>) of the same compiled formula; then a
// relation judged at the root (`holds`, in v). The root is computed at p digits and again at 2p from it:
// a residual below 10^-(p - slack) and agreement of the two are required. Verified when the relation holds
// (to p - slack digits for ==, with the numerical margin otherwise), refuted when it fails decisively;
// inconclusive when Newton does not converge (a certified enclosure is the job of interval Newton).
#include <cmath>
#include <limits>

#include "checks/relation.hpp"
#include "flowcert/linalg/gauss.hpp"
#include "flowcert/num/jet1.hpp"
#include "flowcert/sym/evaluator_impl.hpp"
#include "checks/flow.hpp"
#include "checks/key_values.hpp"
#include "checks/point_figure.hpp"
#include "checks/root_certified.hpp"

namespace flowcert {

extern template class Evaluator<mp>;

namespace {

struct NewtonResult {
  Mat<mp> x;
  bool converged = false;
  double residual_digits = 0;
  int iterations = 0;
  std::string note;
};

NewtonResult newton(const Program& prog, int root, int slot, const Point& p, Mat<mp> x, unsigned digits) {
  NewtonResult out;
  Evaluator<Jet1<mp>> ev(prog);
  for (std::size_t s = 0; s < prog.params.size(); ++s)
    for (const auto& [n, val] : p.values)
      if (n == prog.params[s]) ev.set(static_cast<int>(s), val);
  const std::size_t n = x.v.size();
  const mp tol = bmp::pow(mp(10), -static_cast<long>(digits) + 3);
  // A full Newton step can leave the equation's domain (a log of a negative number): it is then halved,
  // from the last point where F was defined, up to 60 times.
  Mat<mp> x_prev = x, last_step;
  int halvings = 0;
  for (int it = 0; it < 200; ++it) {
    Mat<Jet1<mp>> seeded = Mat<Jet1<mp>>::from(x, [](const mp& v) { return Jet1<mp>(v); });
    for (std::size_t i = 0; i < n; ++i) {
      seeded.v[i].d.assign(n, mp(0));
      seeded.v[i].d[i] = 1;
    }
    ev.set_value(slot, seeded);
    const Mat<Jet1<mp>>* Fp = nullptr;
    try {
      Fp = &ev.value(root);
    } catch (const DomainError&) {
      if (it == 0 || ++halvings > 60) throw;
      for (std::size_t i = 0; i < n; ++i) {
        last_step.v[i] /= 2;
        x.v[i] = x_prev.v[i] - last_step.v[i];
      }
      continue;
    }
    const Mat<Jet1<mp>>& F = *Fp;
    if (F.v.size() != n)
      throw InputError(SourceRef{}, "root: " + std::to_string(F.v.size()) + " equations for " + std::to_string(n) + " unknowns");
    Mat<mp> J = Mat<mp>::sized(n, n), f = Mat<mp>::sized(n, 1);
    mp fmax(0);
    for (std::size_t i = 0; i < n; ++i) {
      f.v[i] = F.v[i].v;
      fmax = std::max(fmax, mp(bmp::abs(f.v[i])));
      for (std::size_t j = 0; j < n; ++j) J(i, j) = j < F.v[i].d.size() ? F.v[i].d[j] : mp(0);
    }
    Mat<mp> step = matmul(gauss_inverse(J), f);
    x_prev = x;
    last_step = step;
    mp smax(0), xmax(1);
    for (std::size_t i = 0; i < n; ++i) {
      x.v[i] -= step.v[i];
      smax = std::max(smax, mp(bmp::abs(step.v[i])));
      xmax = std::max(xmax, mp(bmp::abs(x.v[i])));
    }
    out.iterations = it + 1;
    out.residual_digits = fmax > 0 ? -bmp::log10(fmax).convert_to<double>() : std::numeric_limits<double>::infinity();
    if (smax <= tol * xmax) {
      out.converged = true;
      break;
    }
  }
  out.x = x;
  if (!out.converged) out.note = "Newton did not converge in 200 iterations";
  return out;
}

class RootKind final : public CheckKind {
 public:
  const char* name() const override { return "root"; }
  const char* description() const override {
    return "a solution of F(v) = 0 by Newton with an AD Jacobian, at two precisions, judged by a relation";
  }

  CheckResult run(const CheckContext& ctx) const override {
    const CheckSpec& spec = ctx.spec;
    CheckResult res = start(ctx);
    const std::string var = spec.unknowns.begin()->first;
    CompiledRelation rel = compile_relation(ctx.claim, spec);
    std::vector<std::string> inputs = input_names(spec);
    Compiler comp(effective_defs(ctx.claim, spec), inputs);
    SourceRef ew{spec.where.file, spec.where.line, ctx.claim.id, spec.name + ": equations"};
    int root = comp.add("F", spec.equations, ew);
    const auto equation_defs = comp.used_definitions();
    Program prog = comp.take();
    std::vector<std::string> start_inputs;
    for (const auto& n : inputs)
      if (n != var) start_inputs.push_back(n);
    Compiler sc(effective_defs(ctx.claim, spec), start_inputs);
    sc.add("start", spec.unknowns.begin()->second.text, spec.unknowns.begin()->second.where);
    Program sprog = sc.take();
    const int slot = prog.slot_of(var);
    std::vector<Point> points = make_points(ctx.claim, spec);
    const unsigned p = ctx.digits(), p2 = 2 * p;
    // A figure over the points, drawn from the certified enclosures (rigorous) or the 2p-digit roots.
    PointFigure figure(ctx.claim, spec, {var});
    long n_ok = 0, n_fail = 0, n_unsure = 0;
    double worst = std::numeric_limits<double>::infinity();
    // rigorous = true: every root also enclosed by interval Newton (certified_roots counts them).
    long certified_roots = 0, certified_relations = 0, unique_on_window = 0;
    double widest = 0;
    std::string rigorous_problem;
    std::vector<CertItem> certs;
    std::string first_problem, first_fail;
    nlohmann::json per_point = nlohmann::json::array();
    for (const Point& pt : points) {
      NewtonResult lo, hi;
      double agree = 0;
      int decision = -1;
      try {
        PrecisionScope s1(p + 5);
        Evaluator<mp> sev(sprog);
        for (std::size_t s = 0; s < sprog.params.size(); ++s)
          for (const auto& [n, val] : pt.values)
            if (n == sprog.params[s]) sev.set(static_cast<int>(s), val);
        lo = newton(prog, root, slot, pt, sev.root("start"), p);
        {
          PrecisionScope s2(p2 + 5);
          Mat<mp> x2 = Mat<mp>::from(lo.x, [](const mp& v) { return mp(v); });
          hi = newton(prog, root, slot, pt, x2, p2);
          agree = agreement_digits(lo.x, hi.x, rel.where);
          // Judge the relation at the high-precision root.
          Point at = pt;
          Mat<Q> xq = Mat<Q>::from(hi.x, [&](const mp& v) { return parse_exact_decimal(mpfr_to_decimal(v.backend().data(), p2, MPFR_RNDN)); });
          at.values.emplace_back(var, xq);
          Evaluator<mp> ev(rel.prog);
          load_point(ev, at, rel.where);
          const Mat<mp>& L = ev.value(rel.lhs);
          const Mat<mp>& R = ev.value(rel.rhs);
          if (rel.op == "==") {
            double d = agreement_digits(L, R, rel.where);
            worst = std::min(worst, d);
            decision = d >= p - spec.slack ? 1 : (d < spec.refute_digits ? 0 : -1);
          } else {
            decision = decide_with_margin(rel.op, L, R, p - spec.slack, rel.where);
          }
          if (!spec.rigorous && figure.active(ctx.opts)) figure.add(pt, {{var, xq}});
          if (spec.rigorous) {
            if (hi.x.v.size() != 1) throw InputError(spec.where, "rigorous roots need a scalar unknown (interval Newton in one variable)");
            CertifiedRoot cr = certify_root_at(ctx.claim, spec, rel, prog, root, var, pt, hi.x.v[0], equation_defs);
            if (!cr.certified) {
              if (rigorous_problem.empty()) rigorous_problem = pt.label + ": " + cr.note;
            } else {
              ++certified_roots;
              add_value(res, mp_value(pt.label + ": " + var, mp(cr.mid), -std::log10(std::max(cr.relative_width, 1e-300))));
              if (figure.active(ctx.opts)) figure.add(pt, {{var, Mat<Q>::of_scalar(cr.mid)}});
              widest = std::max(widest, cr.relative_width);
              unique_on_window += cr.unique_on_window ? 1 : 0;
              if (!spec.window.empty() && !cr.unique_on_window && rigorous_problem.empty()) rigorous_problem = pt.label + ": " + cr.note;
              if (cr.relation == 0 && decision == 1) decision = -1;  // the enclosure contradicts the numerics
              if (cr.relation == 1 && decision == 1) ++certified_relations;
              if ((cr.relation == 1 && decision == 1) || (cr.relation == 0 && decision == 0)) {
                CertItem c;
                c.flow = cr.item;
                certs.push_back(c);
              }
            }
          }
        }
      } catch (const DomainError& e) {
        if (first_problem.empty()) first_problem = at_point(rel, pt, e.what());
        ++n_unsure;
        continue;
      }
      nlohmann::json pj = {{"point", pt.label}, {"iterations", {lo.iterations, hi.iterations}},
                           {"residual_digits", {lo.residual_digits, hi.residual_digits}}, {"precisions_agree_digits", agree}};
      per_point.push_back(pj);
      bool converged = lo.converged && hi.converged && agree >= p - spec.slack;
      if (!converged) {
        ++n_unsure;
        if (first_problem.empty()) first_problem = pt.label + ": " + (lo.note.empty() ? hi.note : lo.note) + (lo.note.empty() && hi.note.empty() ? "the two precisions disagree" : "");
      } else if (decision == 1) {
        ++n_ok;
        if (!spec.rigorous)
          for (std::size_t i = 0; i < hi.x.v.size(); ++i)
            add_value(res, mp_value(pt.label + ": " + var + (hi.x.v.size() > 1 ? "[" + std::to_string(i) + "]" : ""), hi.x.v[i],
                                    std::min(agree, static_cast<double>(p) - spec.slack)));
      } else if (decision == 0) {
        ++n_fail;
        if (first_fail.empty()) first_fail = pt.label;
      } else {
        ++n_unsure;
        if (first_problem.empty()) first_problem = pt.label + ": the relation is undecided at the root";
      }
    }
    long n = static_cast<long>(points.size());
    res.evidence = {{"per_point", per_point}, {"points", n}, {"precision_digits", {p, p2}}};
    const std::vector<std::string> figures = figure.write(ctx.opts);
    if (!figures.empty()) res.evidence["figures"] = figures;
    char buf[160];
    if (n_fail > 0) {
      res.verdict = Verdict::Refuted;
      res.summary = "the relation fails at the root for " + std::to_string(n_fail) + "/" + std::to_string(n) + " points; first " + first_fail;
    } else if (n_unsure > 0 || n == 0) {
      res.verdict = Verdict::Inconclusive;
      res.summary = n == 0 ? "no points" : std::to_string(n_unsure) + " points undecided; first: " + first_problem;
    } else if (spec.rigorous && (certified_roots < n || !rigorous_problem.empty())) {
      res.verdict = Verdict::Inconclusive;
      res.summary = "Newton converged, but interval Newton certified " + std::to_string(certified_roots) + " of " + std::to_string(n) +
                    " roots" + (spec.window.empty() ? "" : " as the only root on the window") + "; first problem: " + rigorous_problem;
    } else {
      res.verdict = Verdict::Verified;
      if (std::isfinite(worst)) std::snprintf(buf, sizeof buf, "Newton converged at %u and %u digits at all %ld points; relation holds to %.1f digits", p, p2, n, worst);
      else std::snprintf(buf, sizeof buf, "Newton converged at %u and %u digits at all %ld points; relation holds", p, p2, n);
      res.summary = buf;
    }
    if (spec.rigorous && certified_roots > 0) {
      char wb[64];
      std::snprintf(wb, sizeof wb, "%.1e", widest);
      std::string what = std::to_string(certified_roots) + " root enclosures certified by interval Newton at " + std::to_string(spec.bits) +
                         " bits (the unknown's enclosure relative width <= " + wb + ")" +
                         (spec.window.empty() ? std::string() : ", each the only root on its window (" + std::to_string(unique_on_window) + "/" + std::to_string(n) + ")");
      res.evidence["rigorous"] = {{"certified_roots", certified_roots}, {"max_relative_width", widest}, {"unique_on_window", unique_on_window}};
      if (res.verdict == Verdict::Refuted) {
        res.certs = certs;  // the failing relation, separated on the enclosure
        res.summary += "; " + what;
      } else if (res.verdict == Verdict::Verified) {
        res.certs = certs;
        // Equality cannot be proved by enclosures; an ordering decided on every enclosure is.
        if (rel.op != "==" && certified_relations == n) res.verdict = Verdict::Certified;
        res.summary = what + "; " + res.summary;
      }
    }
    if (!figures.empty()) res.summary += "; figure " + figures.back();
    return res;
  }
};

}  // namespace

const CheckKind& root_kind() {
  static const RootKind k;
  return k;
}

}  // namespace flowcert
