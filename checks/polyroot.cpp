// polyroot: the real roots of a polynomial with rational coefficients, isolated exactly (Sturm) on an open
// window, and a relation judged on the enclosure of the root. The `polynomial` formula, in `variable`, is
// evaluated symbolically (GiNaC) at each point with exact rational inputs and expanded; every coefficient
// must be rational. The check states that the window holds exactly one root (a different count refutes,
// exactly), refines that root by exact bisection to `bits` bits, and decides `holds` on the enclosure in
// MPFI: an ordering proved there is certified, an equality can only be consistent (verified). This is the
// second, independent route to Eq. (9) of paper 001 at L = 3, 4 (catalogue D3), beside interval Newton.
#include <sstream>

#include "checks/key_values.hpp"
#include "checks/relation.hpp"
#include "flowcert/num/decimal.hpp"
#include "flowcert/num/interval_ops.hpp"
#include "flowcert/roots/real_roots.hpp"
#include "flowcert/sym/evaluator_impl.hpp"
#include "flowcert/sym/ex_ops.hpp"

namespace flowcert {

extern template class Evaluator<GiNaC::ex>;
extern template class Evaluator<Q>;
extern template class Evaluator<iv>;

namespace {

class PolyrootKind final : public CheckKind {
 public:
  const char* name() const override { return "polyroot"; }
  const char* description() const override {
    return "the one real root of a rational polynomial on a window, isolated exactly (Sturm), judged by a relation";
  }

  CheckResult run(const CheckContext& ctx) const override {
    const CheckSpec& spec = ctx.spec;
    CheckResult res = start(ctx);
    const std::string& var = spec.variable;
    CompiledRelation rel = compile_relation(ctx.claim, spec);
    const std::vector<std::string> inputs = input_names(spec);
    const DefTable defs = effective_defs(ctx.claim, spec);
    Compiler pc(defs, inputs);
    SourceRef pw{spec.where.file, spec.where.line, ctx.claim.id, spec.name + ": polynomial"};
    pc.add("P", spec.polynomial, pw);
    Program pprog = pc.take();
    std::vector<std::string> win_inputs;
    for (const auto& n : inputs)
      if (n != var) win_inputs.push_back(n);
    Compiler wc(defs, win_inputs);
    SourceRef ww{spec.where.file, spec.where.line, ctx.claim.id, spec.name + ": window"};
    const bool lo_inf = spec.window[0] == "-inf", hi_inf = spec.window[1] == "inf";
    if (!lo_inf) wc.add("lo", spec.window[0], ww);
    if (!hi_inf) wc.add("hi", spec.window[1], ww);
    Program wprog = wc.take();

    std::vector<Point> points = make_points(ctx.claim, spec);
    long n_ok = 0, n_fail = 0, n_unsure = 0, n_equal = 0;
    int degree_max = 0;
    double widest = 0;
    std::string first_fail, first_problem;
    nlohmann::json per_point = nlohmann::json::array();
    for (const Point& pt : points) {
      try {
        // 1. The polynomial's exact coefficients.
        GiNaC::symbol x(var);
        Evaluator<GiNaC::ex> ev(pprog);
        ev.set_value(pprog.slot_of(var), Mat<GiNaC::ex>::of_scalar(GiNaC::ex(x)));
        load_point(ev, pt, pw, var);
        GiNaC::ex e = GiNaC::expand(ev.root("P").as_scalar("the polynomial"));
        if (!e.is_polynomial(x))
          throw InputError(pw, "not a polynomial in " + var + " at " + pt.label + ": " + Ops<GiNaC::ex>::str(e));
        QPoly poly;
        for (int k = 0; k <= e.degree(x); ++k) {
          GiNaC::ex c = e.coeff(x, k);
          if (!GiNaC::is_a<GiNaC::numeric>(c) || !GiNaC::ex_to<GiNaC::numeric>(c).is_rational())
            throw InputError(pw, "the coefficient of " + var + "^" + std::to_string(k) + " is not rational at " + pt.label + ": " +
                                     Ops<GiNaC::ex>::str(c) + " (give the inputs so that it is, e.g. alpha rational)");
          poly.c.push_back(numeric_to_q(GiNaC::ex_to<GiNaC::numeric>(c)));
        }
        while (!poly.c.empty() && poly.c.back() == 0) poly.c.pop_back();
        if (poly.degree() < 1) throw InputError(pw, "the polynomial is constant at " + pt.label);
        degree_max = std::max(degree_max, poly.degree());
        // 2. The window (exact) and the roots in it.
        Evaluator<Q> wev(wprog);
        load_point(wev, pt, ww);
        const Q bound = cauchy_bound(poly);
        Q lo = lo_inf ? Q(-bound) : wev.root("lo").as_scalar("a window end");
        Q hi = hi_inf ? bound : wev.root("hi").as_scalar("a window end");
        if (!(lo < hi)) throw DomainError("the window is empty");
        std::vector<IsolatedRoot> roots = isolate_real_roots(poly, lo, hi, spec.bits);
        nlohmann::json pj = {{"point", pt.label}, {"degree", poly.degree()}, {"roots_in_window", roots.size()}};
        if (roots.size() != 1) {
          ++n_fail;
          if (first_fail.empty())
            first_fail = pt.label + ": " + std::to_string(roots.size()) + " roots in (" + to_display(lo, 8) + ", " + to_display(hi, 8) + ")";
          per_point.push_back(pj);
          continue;
        }
        // 3. The relation on the enclosure, in MPFI.
        using IO = IntervalOps<iv>;
        PrecisionScope scope(bits_to_digits(spec.bits) + 10);
        iv X = IO::from_bounds(roots[0].lo, roots[0].hi);
        double mag = std::max(IO::magnitude(X), 1e-300);
        widest = std::max(widest, IO::width(X) / mag);
        Evaluator<iv> rev(rel.prog);
        if (int s = rel.prog.slot_of(var); s >= 0) rev.set_value(s, Mat<iv>::of_scalar(X));
        load_point(rev, pt, rel.where, var);
        Mat<iv> d = difference(rev.value(rel.lhs), rev.value(rel.rhs), rel.where);
        int decision = 1;
        for (const iv& v : d.v) {
          int r = decide_enclosure_or_consistent(rel.op, v);
          if (r == 0) decision = 0;
          else if (r == -1 && decision == 1) decision = -1;
        }
        pj["enclosure"] = {IO::lower(X, 25), IO::upper(X, 25)};
        add_value(res, enclosure_value(pt.label + ": " + var, exact_string(roots[0].lo, 90), exact_string(roots[0].hi, 90)));
        pj["relative_width"] = IO::width(X) / mag;
        per_point.push_back(pj);
        if (decision == 1) {
          ++n_ok;
          n_equal += rel.op == "==" ? 1 : 0;
        } else if (decision == 0) {
          ++n_fail;
          if (first_fail.empty()) first_fail = pt.label + ": the relation fails on the root's enclosure";
        } else {
          ++n_unsure;
          if (first_problem.empty()) first_problem = pt.label + ": the relation is undecided on the enclosure";
        }
      } catch (const DomainError& e) {
        ++n_unsure;
        if (first_problem.empty()) first_problem = pt.label + ": " + e.what();
      }
    }
    const long n = static_cast<long>(points.size());
    char wb[48];
    std::snprintf(wb, sizeof wb, "%.1e", widest);
    res.evidence = {{"per_point", per_point}, {"points", n}, {"max_degree", degree_max}, {"bits", spec.bits}, {"max_relative_width", widest}};
    if (n_fail > 0) {
      res.verdict = Verdict::Refuted;
      res.summary = std::to_string(n_fail) + "/" + std::to_string(n) + " points refute (exact root count or relation); first " + first_fail;
    } else if (n_unsure > 0 || n == 0) {
      res.verdict = Verdict::Inconclusive;
      res.summary = n == 0 ? "no points" : std::to_string(n_unsure) + " points undecided; first " + first_problem;
    } else {
      res.verdict = n_equal > 0 ? Verdict::Verified : Verdict::Certified;
      res.summary = "exactly one root in the window at all " + std::to_string(n) + " points (Sturm, degree <= " + std::to_string(degree_max) +
                    "), enclosed to relative width " + wb + "; relation " + (n_equal > 0 ? "consistent with ==" : "proved") + " on every enclosure";
    }
    return res;
  }
};

}  // namespace

const CheckKind& polyroot_kind() {
  static const PolyrootKind k;
  return k;
}

}  // namespace flowcert
