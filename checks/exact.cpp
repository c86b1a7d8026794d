// exact: a relation decided in exact rational arithmetic at every point (integer matrices, rational
// inputs). Holding at every point is `certified` for those instances; a failing point refutes, and the
// failing entry's exact value is a certificate that recheck re-derives with GiNaC's own rationals.
#include "checks/relation.hpp"
#include "flowcert/num/decimal.hpp"

namespace flowcert {

namespace {

class ExactKind final : public CheckKind {
 public:
  const char* name() const override { return "exact"; }
  const char* description() const override { return "a relation in exact rational arithmetic at every point"; }

  CheckResult run(const CheckContext& ctx) const override {
    CheckResult res = start(ctx);
    CompiledRelation rel = compile_relation(ctx.claim, ctx.spec);
    std::vector<Point> points = make_points(ctx.claim, ctx.spec);
    Evaluator<Q> ev(rel.prog);
    long n_fail = 0, n_undefined = 0;
    std::string first_fail, first_undefined;
    for (const Point& p : points) {
      Mat<Q> d;
      try {
        load_point(ev, p, rel.where);
        d = difference(ev.value(rel.lhs), ev.value(rel.rhs), rel.where);
      } catch (const DomainError& e) {
        ++n_undefined;
        if (first_undefined.empty()) first_undefined = at_point(rel, p, e.what());
        continue;
      }
      for (std::size_t k = 0; k < d.v.size(); ++k) {
        if (decide(rel.op, Ops<Q>::sign(d.v[k])) == 1) continue;
        if (++n_fail == 1) {
          first_fail = p.label + ": entry " + std::to_string(k) + " of lhs - rhs is " + to_display(d.v[k], 12);
          CertItem c;
          c.check = ctx.spec.name;
          c.label = p.label;
          bool matrix = d.v.size() > 1 || !d.scalar;
          c.lhs = matrix ? "el((" + rel.lhs_text + ") - (" + rel.rhs_text + "), " + std::to_string(k) + ")" : rel.lhs_text;
          c.rhs = matrix ? "0" : rel.rhs_text;
          c.op = rel.op;
          c.defs = rel.defs;
          c.inputs = used_inputs(rel, p);
          c.arithmetic = "exact";
          c.lo = c.hi = exact_string(d.v[k], 200);
          c.holds = false;
          res.certs.push_back(std::move(c));
        }
        break;
      }
    }
    long n = static_cast<long>(points.size());
    res.evidence = {{"points", n}, {"points_failing", n_fail}, {"points_undefined", n_undefined}};
    if (!first_fail.empty()) res.evidence["first_failure"] = first_fail;
    if (!first_undefined.empty()) res.evidence["first_undefined"] = first_undefined;
    bool undefined_refutes = ctx.spec.domain_error_refutes && n_undefined > 0;
    if (n_fail > 0 || undefined_refutes) {
      res.verdict = Verdict::Refuted;
      res.summary = "fails at " + std::to_string(n_fail + (undefined_refutes ? n_undefined : 0)) + "/" + std::to_string(n) + " points";
      if (!first_fail.empty()) res.summary += "; first: " + first_fail;
      if (undefined_refutes) res.summary += "; undefined at " + std::to_string(n_undefined) + " (" + first_undefined + ")";
    } else if (n_undefined > 0) {
      res.verdict = Verdict::Inconclusive;
      res.summary = "undefined at " + std::to_string(n_undefined) + " points: " + first_undefined;
    } else if (n == 0) {
      res.verdict = Verdict::Inconclusive;
      res.summary = "no points";
    } else {
      res.verdict = Verdict::Certified;
      res.summary = "exact at all " + std::to_string(n) + " points";
    }
    return res;
  }
};

}  // namespace

const CheckKind& exact_kind() {
  static const ExactKind k;
  return k;
}

}  // namespace flowcert
