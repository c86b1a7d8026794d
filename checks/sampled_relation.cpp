#include "checks/sampled_relation.hpp"

#include <cmath>

#include "checks/key_values.hpp"
#include "flowcert/num/decimal.hpp"

namespace flowcert {

namespace {
// "mid ± radius" of an enclosure given by exact decimal bounds, for the one-line summary.
std::string enclosure_display(const std::string& lo, const std::string& hi) {
  try {
    Q l = parse_exact_decimal(lo), h = parse_exact_decimal(hi);
    return to_display(Q((l + h) / 2), 20) + " ± " + to_display(Q((h - l) / 2), 2);
  } catch (const std::exception&) {
    return "[" + lo + ", " + hi + "]";
  }
}
}  // namespace

CheckResult run_sampled_relation(const CheckContext& ctx, const char* kind, Verdict when_all_hold, bool certify_all) {
  CheckResult res;
  res.name = ctx.spec.name;
  res.kind = kind;
  CompiledRelation rel = compile_relation(ctx.claim, ctx.spec);
  std::vector<Point> points = make_points(ctx.claim, ctx.spec);
  const unsigned bits = std::max(128u, digits_to_bits(ctx.digits()));
  long n_hold = 0, n_fail = 0, n_undecided = 0, n_undefined = 0;
  std::string first_fail, first_undecided, first_undefined, nearest_label, nearest_enclosure;
  double nearest = INFINITY;
  for (const Point& p : points) {
    IntervalDecision d;
    try {
      d = decide_with_intervals(rel, p, bits);
    } catch (const DomainError& e) {
      ++n_undefined;
      if (first_undefined.empty()) first_undefined = at_point(rel, p, e.what());
      continue;
    }
    bool matrix_valued = false;
    {
      // A relation between matrices is certified entry by entry.
      PrecisionScope scope(20);
      Evaluator<mp> probe(rel.prog);
      load_point(probe, p, rel.where);
      matrix_valued = !probe.value(rel.lhs).scalar || !probe.value(rel.rhs).scalar;
    }
    if (d.status == 1) {
      ++n_hold;
      if (std::abs(d.approx) < nearest) {
        nearest = std::abs(d.approx);
        nearest_label = p.label;
        nearest_enclosure = enclosure_display(d.lo, d.hi);
      }
      if (certify_all) {
        res.certs.push_back(interval_cert_item(ctx.spec, rel, p, d, matrix_valued));
        add_value(res, enclosure_value(p.label + ": lhs - rhs", d.lo, d.hi));
      }
    } else if (d.status == 0) {
      add_value(res, enclosure_value(p.label + ": lhs - rhs", d.lo, d.hi));
      if (++n_fail == 1) {
        first_fail = p.label + ": lhs - rhs = " + enclosure_display(d.lo, d.hi);
        res.certs.clear();
        res.certs.push_back(interval_cert_item(ctx.spec, rel, p, d, matrix_valued));
      }
    } else {
      if (++n_undecided == 1) first_undecided = p.label + ": enclosure [" + d.lo + ", " + d.hi + "] straddles 0 at " + std::to_string(d.bits) + " bits";
    }
  }
  long n = static_cast<long>(points.size());
  res.evidence = {{"points", n}, {"points_hold", n_hold}, {"points_fail", n_fail}, {"points_undecided", n_undecided},
                  {"points_undefined", n_undefined}, {"arithmetic", "mpfi"}, {"bits", bits}};
  if (!nearest_label.empty()) {
    res.evidence["nearest_point"] = nearest_label;
    res.evidence["nearest_enclosure"] = nearest_enclosure;
  }
  if (n_fail > 0) {
    res.verdict = Verdict::Refuted;
    res.summary = "fails at " + std::to_string(n_fail) + "/" + std::to_string(n) + " points (certified); first: " + first_fail;
    res.evidence["first_failure"] = first_fail;
    if (!certify_all) res.certs.resize(1);
  } else if (n_undefined > 0 && ctx.spec.domain_error_refutes) {
    res.verdict = Verdict::Refuted;
    res.summary = "undefined at " + std::to_string(n_undefined) + " points: " + first_undefined;
  } else if (n_undecided > 0 || n_undefined > 0 || n == 0) {
    res.verdict = Verdict::Inconclusive;
    res.summary = n == 0 ? "no points"
                  : n_undecided > 0 ? std::to_string(n_undecided) + " points undecided; first: " + first_undecided
                                    : std::to_string(n_undefined) + " points undefined: " + first_undefined;
    if (n_undecided) res.evidence["first_undecided"] = first_undecided;
    if (n_undefined) res.evidence["first_undefined"] = first_undefined;
  } else {
    res.verdict = when_all_hold;
    if (n == 1) res.summary = "holds: lhs - rhs = " + nearest_enclosure + " (" + std::to_string(bits) + "-bit intervals)";
    else res.summary = "holds at all " + std::to_string(n) + " points (intervals); closest: " + nearest_enclosure + " at " + nearest_label;
    if (!certify_all) res.certs.clear();
  }
  return res;
}

}  // namespace flowcert
