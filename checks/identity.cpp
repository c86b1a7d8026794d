// identity: lhs == rhs (scalars, vectors or matrices), decided two ways.
//  * numeric: at every point, evaluated in MPFR at p and at 2p digits. The relative discrepancy
//    err = max|lhs - rhs| / max|rhs| (absolute when rhs is exactly 0) must reach p - slack digits at p and
//    keep falling at 2p: an identity's error falls like 10^-p, a near-identity's stays put. A discrepancy
//    that stays above 10^-refute_digits at both precisions refutes the formula.
//  * symbolic (when `symbolic` names variables): the same compiled formula is evaluated with GiNaC symbols
//    in place of those variables and lhs - rhs is normalized; 0 is an exact proof for that dimension.
#include <ginac/ginac.h>

#include <cmath>
#include <limits>

#include "checks/relation.hpp"
#include "flowcert/num/decimal.hpp"
#include "flowcert/sym/ex_ops.hpp"

namespace flowcert {

namespace {

constexpr double kExact = std::numeric_limits<double>::infinity();


struct SymbolicOutcome {
  bool attempted = false, proven = false;
  std::string note;
  long points = 0;
};

SymbolicOutcome run_symbolic(const CheckContext& ctx, const CompiledRelation& rel) {
  SymbolicOutcome out;
  const CheckSpec& s = ctx.spec;
  if (s.symbolic.empty()) return out;
  out.attempted = true;
  // Grid points only: symbolic variables replace the random ones.
  CheckSpec grid_only = s;
  grid_only.random.clear();
  std::vector<Point> points = make_points(ctx.claim, grid_only);
  for (const Point& p : points) {
    Evaluator<GiNaC::ex> ev(rel.prog);
    for (std::size_t slot = 0; slot < rel.prog.params.size(); ++slot) {
      const std::string& name = rel.prog.params[slot];
      if (auto it = s.symbolic.find(name); it != s.symbolic.end()) {
        Mat<GiNaC::ex> v;
        if (it->second.empty()) {
          v = Mat<GiNaC::ex>::of_scalar(GiNaC::symbol(name));
        } else {
          long n = Ops<Q>::to_long(eval_exact(it->second, p.values, effective_defs(ctx.claim, s), s.where).as_scalar("size"));
          v = Mat<GiNaC::ex>::sized(static_cast<std::size_t>(n), 1);
          for (long k = 0; k < n; ++k) v.v[static_cast<std::size_t>(k)] = GiNaC::symbol(name + std::to_string(k));
        }
        ev.set_value(static_cast<int>(slot), std::move(v));
      } else {
        bool found = false;
        for (const auto& [n, val] : p.values)
          if (n == name) {
            ev.set(static_cast<int>(slot), val);
            found = true;
          }
        if (!found) throw InputError(s.where, "symbolic route: no value for '" + name + "' (give it in symbolic, params or grid)");
      }
    }
    Mat<GiNaC::ex> d;
    try {
      d = difference(ev.value(rel.lhs), ev.value(rel.rhs), rel.where);
    } catch (const DomainError& e) {
      out.note = std::string("symbolic evaluation failed: ") + e.what();
      return out;
    }
    for (const auto& x : d.v) {
      GiNaC::ex z = GiNaC::normal(GiNaC::expand(x));
      if (!z.is_zero()) {
        out.note = "symbolic difference did not simplify to 0 at " + p.label;
        return out;
      }
    }
    ++out.points;
  }
  out.proven = out.points > 0;
  return out;
}

class IdentityKind final : public CheckKind {
 public:
  const char* name() const override { return "identity"; }
  const char* description() const override {
    return "lhs == rhs at seeded points, at two precisions (and symbolically where variables are declared)";
  }

  CheckResult run(const CheckContext& ctx) const override {
    CheckResult res = start(ctx);
    CompiledRelation rel = compile_relation(ctx.claim, ctx.spec);
    if (rel.op != "==") throw InputError(rel.where, "an identity check needs '==' (use kind inequality otherwise)");
    SymbolicOutcome sym = run_symbolic(ctx, rel);

    std::vector<Point> points = ctx.spec.random.empty() && !ctx.spec.symbolic.empty() ? std::vector<Point>{} : make_points(ctx.claim, ctx.spec);
    const unsigned p = ctx.digits();
    std::vector<double> d1(points.size()), d2(points.size());
    std::vector<std::size_t> worst(points.size());
    std::vector<std::string> failure(points.size());
    for (unsigned pass = 0; pass < 2; ++pass) {
      PrecisionScope scope(pass == 0 ? p : 2 * p);
      Evaluator<mp> ev(rel.prog);
      for (std::size_t i = 0; i < points.size(); ++i) {
        if (!failure[i].empty()) continue;
        try {
          load_point(ev, points[i], rel.where);
          double d = agreement_digits(ev.value(rel.lhs), ev.value(rel.rhs), rel.where, &worst[i]);
          (pass == 0 ? d1 : d2)[i] = d;
        } catch (const DomainError& e) {
          failure[i] = e.what();
        }
      }
    }
    // Classify every point.
    long n_ver = 0, n_ref = 0, n_inc = 0;
    double min_d1 = kExact, min_d2 = kExact;
    std::size_t worst_point = 0;
    std::string first_problem;
    for (std::size_t i = 0; i < points.size(); ++i) {
      if (!failure[i].empty()) {
        if (ctx.spec.domain_error_refutes) ++n_ref;
        else ++n_inc;
        if (first_problem.empty()) first_problem = at_point(rel, points[i], failure[i]);
        continue;
      }
      bool holds_p = d1[i] >= p - ctx.spec.slack;
      bool shrinks = d2[i] == kExact || d2[i] >= d1[i] + p / 4.0 || d2[i] >= 2.0 * p - ctx.spec.slack;
      bool stable_gap = d2[i] < ctx.spec.refute_digits && d1[i] < ctx.spec.refute_digits && d2[i] <= d1[i] + 1;
      if (holds_p && shrinks) ++n_ver;
      else if (stable_gap) ++n_ref;
      else ++n_inc;
      if (d1[i] < min_d1 || (i == 0 && min_d1 == kExact)) {
        min_d1 = d1[i];
        worst_point = i;
      }
      min_d2 = std::min(min_d2, d2[i]);
    }
    long n = static_cast<long>(points.size());
    nlohmann::json ev = {{"precision_digits", {p, 2 * p}}, {"points", n}, {"points_verified", n_ver},
                         {"points_refuted", n_ref}, {"points_inconclusive", n_inc}};
    std::string num_summary;
    if (n > 0) {
      ev["min_digits"] = {min_d1 == kExact ? -1.0 : min_d1, min_d2 == kExact ? -1.0 : min_d2};
      ev["worst_point"] = points[worst_point].label;
      if (n_ref > 0) {
        // Report the most decisive failure: the point with the fewest agreeing digits.
        std::size_t bad = worst_point;
        double dv = kExact;
        for (std::size_t i = 0; i < points.size(); ++i)
          if (failure[i].empty() && d1[i] < dv) { dv = d1[i]; bad = i; }
        char buf[96];
        std::snprintf(buf, sizeof buf, "discrepancy 10^%.2f (rel.)", -dv);
        num_summary = std::string(buf) + " at " + points[bad].label + ", unchanged at " + std::to_string(2 * p) + " digits; " +
                      std::to_string(n_ref) + "/" + std::to_string(n) + " points fail";
        if (!first_problem.empty() && dv == kExact) num_summary = first_problem;
        ev["discrepancy_log10"] = -dv;
        ev["refuting_point"] = points[bad].label;
        // A rigorous witness where intervals can evaluate the formula.
        try {
          IntervalDecision id = decide_with_intervals(rel, points[bad], digits_to_bits(p));
          if (id.status == 0) {
            res.certs.push_back(interval_cert_item(ctx.spec, rel, points[bad], id, true));
            num_summary += "; certified by intervals";
          }
        } catch (const DomainError& e) {
          ev["certificate"] = std::string("not certifiable with intervals: ") + e.what();
        }
      } else {
        num_summary = digits_text(min_d1) + " digits at " + std::to_string(p) + " (" + digits_text(min_d2) + " at " +
                      std::to_string(2 * p) + ") over " + std::to_string(n) + " points";
      }
      if (!first_problem.empty()) ev["problem"] = first_problem;
    }
    Verdict numeric = n == 0 ? Verdict::Inconclusive
                      : n_ref > 0 ? Verdict::Refuted
                      : n_inc > 0 ? Verdict::Inconclusive
                                  : Verdict::Verified;
    if (sym.attempted) {
      ev["symbolic"] = sym.proven ? "difference normalizes to 0 at " + std::to_string(sym.points) + " grid point(s)" : sym.note;
      std::string sym_summary = sym.proven ? "symbolic: 0 at " + std::to_string(sym.points) + " dims" : "symbolic: not proven";
      if (sym.proven && n > 0 && numeric == Verdict::Refuted) {
        res.verdict = Verdict::Inconclusive;  // the two routes disagree: something is wrong with the check
        res.summary = "symbolic and numeric routes disagree; " + num_summary;
      } else if (sym.proven) {
        res.verdict = Verdict::Certified;
        res.summary = sym_summary + (n > 0 ? "; " + num_summary : "");
      } else {
        res.verdict = numeric;
        res.summary = sym_summary + (n > 0 ? "; " + num_summary : "; no numeric points");
      }
    } else {
      res.verdict = numeric;
      res.summary = n > 0 ? num_summary : "no points";
      if (n_ref == 0 && n_inc > 0 && !first_problem.empty()) res.summary += "; " + first_problem;
    }
    res.evidence = ev;
    return res;
  }
};

}  // namespace

const CheckKind& identity_kind() {
  static const IdentityKind k;
  return k;
}

}  // namespace flowcert
