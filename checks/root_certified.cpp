#include "checks/root_certified.hpp"

#include <cmath>

#include "flowcert/cert/certificate.hpp"
#include "flowcert/num/decimal.hpp"
#include "flowcert/num/interval_ops.hpp"
#include "flowcert/roots/interval_newton.hpp"
#include "flowcert/sym/formula_text.hpp"

namespace flowcert {

namespace {

// The window's ends, evaluated in intervals and rounded inward to exact decimals (the proved window is
// then inside the stated one).
std::pair<Q, Q> exact_window(const Claim& claim, const CheckSpec& spec, const Point& pt, const std::string& var, unsigned digits) {
  std::vector<std::string> names;
  for (const auto& [n, v] : pt.values)
    if (n != var) names.push_back(n);
  Compiler c(effective_defs(claim, spec), names);
  c.add("lo", spec.window[0], spec.where);
  c.add("hi", spec.window[1], spec.where);
  Program prog = c.take();
  Evaluator<iv> ev(prog);
  for (std::size_t s = 0; s < prog.params.size(); ++s)
    for (const auto& [n, v] : pt.values)
      if (n == prog.params[s]) ev.set(static_cast<int>(s), v);
  iv lo = ev.root("lo").as_scalar("a window end"), hi = ev.root("hi").as_scalar("a window end");
  return {parse_exact_decimal(IntervalOps<iv>::upper(lo, digits)), parse_exact_decimal(IntervalOps<iv>::lower(hi, digits))};
}

}  // namespace

CertifiedRoot certify_root_at(const Claim& claim, const CheckSpec& spec, const CompiledRelation& rel, const Program& prog,
                              int root, const std::string& var, const Point& pt, const mp& approx,
                              const std::map<std::string, std::string>& equation_defs) {
  using IO = IntervalOps<iv>;
  CertifiedRoot out;
  const unsigned bits = spec.bits, digits = bits_to_digits(bits) + 6;
  PrecisionScope scope(bits_to_digits(bits));
  ScalarEquation f;
  f.prog = &prog;
  f.root = root;
  f.slot = prog.slot_of(var);
  for (const auto& [n, v] : pt.values)
    if (int s = prog.slot_of(n); s >= 0 && n != var) f.inputs.emplace_back(s, v);
  Q a = parse_exact_decimal(mpfr_to_decimal(approx.backend().data(), digits, MPFR_RNDN));
  RootEnclosure enc = certify_root(f, a, bits);
  if (!enc.certified) {
    out.note = enc.note;
    return out;
  }
  out.certified = true;
  out.mid = enc.mid;
  double mag = std::max(IO::magnitude(enc.x), 1e-300);
  out.relative_width = IO::width(enc.x) / mag;
  nlohmann::json item = {{"kind", "root"}, {"check", spec.name}, {"point", pt.label}, {"variable", var},
                         {"precision_bits", bits},
                         {"enclosure", {{"lo", IO::lower(enc.x, digits)}, {"hi", IO::upper(enc.x, digits)}}},
                         {"newton_point", exact_string(enc.mid, 400)}};
  // Uniqueness on the window: F' one-signed there (Prop.-style monotonicity, proved by bisection).
  if (spec.window.size() == 2) {
    auto [wlo, whi] = exact_window(claim, spec, pt, var, digits);
    MonotoneProof mono = prove_monotone<iv>(f, wlo, whi);
    // Strictly inside the exact window (not an outward-rounded interval of it).
    const bool inside = Ops<iv>::sign(iv(enc.x - Ops<iv>::from_q(wlo))) == 1 && Ops<iv>::sign(iv(Ops<iv>::from_q(whi) - enc.x)) == 1;
    if (mono.sign != 0 && inside) {
      out.unique_on_window = true;
      item["window"] = {exact_string(wlo, 400), exact_string(whi, 400)};
      item["monotone_sign"] = mono.sign;
      out.note = "the only root on [" + to_display(wlo, 8) + ", " + to_display(whi, 8) + "] (F' " + (mono.sign > 0 ? "> 0" : "< 0") +
                 " there, " + std::to_string(mono.pieces) + " pieces)";
    } else {
      out.note = "uniqueness on the window not proved: " + (mono.sign == 0 ? mono.note : std::string("the enclosure is not inside the window"));
    }
  }
  // The relation on the enclosure.
  Evaluator<iv> ev(rel.prog);
  if (int s = rel.prog.slot_of(var); s >= 0) ev.set_value(s, Mat<iv>::of_scalar(enc.x));
  load_point(ev, pt, rel.where, var);
  Mat<iv> d = difference(ev.value(rel.lhs), ev.value(rel.rhs), rel.where);
  int decision = 1;
  iv worst(0);
  for (const iv& x : d.v) {
    int r = decide_enclosure_or_consistent(rel.op, x);
    if (r == 0) decision = 0;
    else if (r == -1 && decision == 1) decision = -1;
    worst = Ops<iv>::max(worst, Ops<iv>::abs(x));
  }
  out.relation = decision;
  // The certificate: the equation and relation as text with their hashes, the inputs, the enclosure.
  nlohmann::json inputs = nlohmann::json::object();
  for (const auto& [n, v] : pt.values)
    if (n != var && (prog.slot_of(n) >= 0 || rel.prog.slot_of(n) >= 0)) inputs[n] = exact_value_json(v);
  std::map<std::string, std::string> defs = rel.defs;
  for (const auto& [k, v] : equation_defs) defs[k] = v;
  item["equation"] = normalize_formula(spec.equations);
  item["relation"] = {{"lhs", rel.lhs_text}, {"op", rel.op}, {"rhs", rel.rhs_text}};
  item["definitions"] = defs;
  item["inputs"] = inputs;
  item["holds"] = decision == 1;
  // For "==", a bound on |lhs - rhs| over the enclosure, with room for the recheck's looser ball arithmetic.
  if (rel.op == "==") item["bound"] = IO::upper(iv(4 * worst), 3);
  item["formula_sha256"] = root_formula_hash(item);
  out.item = item;
  return out;
}

}  // namespace flowcert
