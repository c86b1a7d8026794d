#include "checks/relation.hpp"

#include <limits>

#include "flowcert/num/decimal.hpp"
#include "flowcert/sym/formula_text.hpp"

namespace flowcert {

CompiledRelation compile_relation(const Claim& claim, const CheckSpec& spec) {
  CompiledRelation r;
  if (auto h = spec.formulas.find("holds"); h != spec.formulas.end()) {
    std::optional<RelationText> rel;
    try {
      rel = split_relation(h->second.text);
    } catch (const std::exception& e) {
      throw InputError(h->second.where, e.what());
    }
    if (!rel) throw InputError(h->second.where, "`holds` needs a comparison (==, !=, <, <=, >, >=)");
    r.lhs_text = normalize_formula(rel->lhs);
    r.rhs_text = normalize_formula(rel->rhs);
    r.op = rel->op;
    r.where = h->second.where;
  } else if (auto c = spec.formulas.find("conserved"); c != spec.formulas.end()) {
    // A conserved quantity: compared with its own initial value by the invariant kind.
    r.lhs_text = normalize_formula(c->second.text);
    r.rhs_text = "0";
    r.op = "==";
    r.where = c->second.where;
  } else {
    r.lhs_text = normalize_formula(spec.formulas.at("lhs").text);
    r.rhs_text = normalize_formula(spec.formulas.at("rhs").text);
    r.op = "==";
    r.where = spec.formulas.at("lhs").where;
  }
  const DefTable defs = effective_defs(claim, spec);
  Compiler comp(defs, input_names(spec));
  SourceRef lw = r.where, rw = r.where;
  if (spec.formulas.count("rhs") && !spec.formulas.count("conserved")) rw = spec.formulas.at("rhs").where;
  r.lhs = comp.add("lhs", r.lhs_text, lw);
  r.rhs = comp.add("rhs", r.rhs_text, rw);
  r.defs = comp.used_definitions();
  r.prog = comp.take();
  return r;
}

int decide(const std::string& op, int sign) {
  if (sign == kUnknownSign) {
    return -1;
  }
  if (op == "==") return sign == 0;
  if (op == "!=") return sign != 0;
  if (op == "<") return sign < 0;
  if (op == "<=") return sign <= 0;
  if (op == ">") return sign > 0;
  if (op == ">=") return sign >= 0;
  return -1;
}

int decide_enclosure(const std::string& op, const iv& d) {
  int s = Ops<iv>::sign(d);
  if (s != kUnknownSign) return decide(op, s);
  auto p = d.backend().data();
  bool lo_neg = mpfr_sgn(&p->left) < 0, hi_pos = mpfr_sgn(&p->right) > 0;
  if (op == ">" && !hi_pos) return 0;   // d <= 0
  if (op == "<" && !lo_neg) return 0;   // d >= 0
  if (op == ">=" && !lo_neg) return 1;
  if (op == "<=" && !hi_pos) return 1;
  return -1;
}

int decide_enclosure_or_consistent(const std::string& op, const iv& d) {
  if (op != "==") return decide_enclosure(op, d);
  int s = Ops<iv>::sign(d);
  return s == 0 || s == kUnknownSign ? 1 : 0;
}

IntervalDecision decide_with_intervals(const CompiledRelation& rel, const Point& p, unsigned bits) {
  IntervalDecision out;
  for (unsigned b = bits; b <= bits * 4; b *= 2) {
    PrecisionScope scope(bits_to_digits(b));
    Evaluator<iv> ev(rel.prog);
    load_point(ev, p, rel.where);
    Mat<iv> d = difference(ev.value(rel.lhs), ev.value(rel.rhs), rel.where);
    out.status = 1;
    out.bits = b;
    double nearest = 1e300;
    for (std::size_t k = 0; k < d.v.size(); ++k) {
      int r = decide_enclosure(rel.op, d.v[k]);
      double mid = Ops<iv>::to_double(d.v[k]);
      bool pick = false;
      if (r == 0 && out.status != 0) { out.status = 0; pick = true; }
      else if (r == -1 && out.status == 1) { out.status = -1; pick = true; }
      else if (r == 1 && out.status == 1 && std::abs(mid) < nearest) { nearest = std::abs(mid); pick = true; }
      if (pick) {
        out.entry = k;
        out.approx = mid;
        auto e = d.v[k].backend().data();
        unsigned digs = bits_to_digits(b) + 2;
        out.lo = mpfr_to_decimal(&e->left, digs, MPFR_RNDD);
        out.hi = mpfr_to_decimal(&e->right, digs, MPFR_RNDU);
      }
    }
    if (out.status != -1) return out;
  }
  return out;
}

CertItem interval_cert_item(const CheckSpec& spec, const CompiledRelation& rel, const Point& p,
                            const IntervalDecision& d, bool matrix_valued) {
  CertItem c;
  c.check = spec.name;
  c.label = p.label;
  if (matrix_valued) {
    // One entry of a matrix relation, as a scalar relation on its own.
    c.lhs = "el((" + rel.lhs_text + ") - (" + rel.rhs_text + "), " + std::to_string(d.entry) + ")";
    c.rhs = "0";
  } else {
    c.lhs = rel.lhs_text;
    c.rhs = rel.rhs_text;
  }
  c.op = rel.op;
  c.defs = rel.defs;
  c.inputs = used_inputs(rel, p);
  c.arithmetic = "mpfi";
  c.bits = d.bits;
  c.lo = d.lo;
  c.hi = d.hi;
  c.holds = d.status == 1;
  return c;
}

std::vector<std::pair<std::string, Mat<Q>>> used_inputs(const CompiledRelation& rel, const Point& p) {
  std::vector<std::pair<std::string, Mat<Q>>> out;
  for (const auto& name : rel.prog.params)
    for (const auto& [n, v] : p.values)
      if (n == name) out.emplace_back(n, v);
  return out;
}

double agreement_digits(const Mat<mp>& a, const Mat<mp>& b, const SourceRef& where, std::size_t* worst) {
  Mat<mp> d = difference(a, b, where);
  mp scale(0), maxdiff(0);
  for (const mp& x : b.v) scale = std::max(scale, mp(bmp::abs(x)));
  if (scale == 0) scale = 1;
  std::size_t w = 0;
  for (std::size_t k = 0; k < d.v.size(); ++k) {
    mp x = bmp::abs(d.v[k]);
    if (x > maxdiff) {
      maxdiff = x;
      w = k;
    }
  }
  if (worst) *worst = w;
  if (maxdiff == 0) return std::numeric_limits<double>::infinity();
  return -bmp::log10(maxdiff / scale).convert_to<double>();
}

std::string digits_text(double d) {
  if (d == std::numeric_limits<double>::infinity()) return "exact";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", d);
  return buf;
}

std::string at_point(const CompiledRelation& rel, const Point& p, const std::string& what) {
  SourceRef short_ref = rel.where;
  if (auto slash = short_ref.file.rfind('/'); slash != std::string::npos) short_ref.file = short_ref.file.substr(slash + 1);
  return short_ref.describe() + ": at " + (p.label.empty() ? std::string("the given point") : p.label) + ": " + what;
}

}  // namespace flowcert
