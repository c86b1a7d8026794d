// Rechecks a root certificate item with Arb balls: the equation and relation are recompiled from their
// text (hash-checked), the stored enclosure X and Newton point m are read as exact decimals, and the
// interval Newton test N(X) = m - F(m)/F'(X) inside the interior of X, with 0 not in F'(X), is redone
// (exactly one root in X); a stated window is re-proved monotone by bisection; the relation is decided
// on X as stored (for "==", |lhs - rhs| within the stated bound).
#include "flowcert/cert/certificate.hpp"
#include "flowcert/cert/recheck_detail.hpp"
#include "flowcert/num/decimal.hpp"
#include "flowcert/num/interval_ops.hpp"
#include "flowcert/roots/interval_newton.hpp"
#include "flowcert/sym/compiler.hpp"
#include "flowcert/sym/evaluator.hpp"

namespace flowcert {

std::string recheck_root_item(const nlohmann::json& item) {
  if (root_formula_hash(item) != item.at("formula_sha256").get<std::string>())
    throw RecheckFailure("formula hash mismatch: the equation, the relation, the window or a definition was edited");
  const long bits = item.at("precision_bits").get<long>();
  if (bits < 64 || bits > 100000) throw RecheckFailure("precision out of range");
  BallPrecisionScope precision(bits);
  SourceRef where{"<certificate>", 0, item.value("check", ""), "root"};
  DefTable defs = read_definitions(item.at("definitions"), where);
  const std::string var = item.at("variable").get<std::string>();
  std::vector<std::string> names;
  std::vector<Mat<Q>> values;
  for (const auto& [n, v] : item.at("inputs").items()) {
    if (n == var) throw RecheckFailure("the unknown is also an input");
    names.push_back(n);
    values.push_back(recheck_input_value(v, n));
  }
  std::vector<std::string> all = names;
  all.push_back(var);
  Compiler c(defs, all);
  int F = c.add("F", item.at("equation").get<std::string>(), where);
  const auto& rel = item.at("relation");
  int lhs = c.add("lhs", rel.at("lhs").get<std::string>(), where), rhs = c.add("rhs", rel.at("rhs").get<std::string>(), where);
  Program prog = c.take();
  ScalarEquation f;
  f.prog = &prog;
  f.root = F;
  f.slot = prog.slot_of(var);
  if (f.slot < 0) throw RecheckFailure("the equation does not involve its unknown");
  for (std::size_t i = 0; i < names.size(); ++i)
    if (int s = prog.slot_of(names[i]); s >= 0) f.inputs.emplace_back(s, values[i]);
  Q lo = parse_exact_decimal(item.at("enclosure").at("lo").get<std::string>());
  Q hi = parse_exact_decimal(item.at("enclosure").at("hi").get<std::string>());
  if (!(lo < hi)) throw RecheckFailure("the enclosure is empty or a point");
  Ball X = IntervalOps<Ball>::from_bounds(lo, hi);
  Q m = parse_exact_decimal(item.at("newton_point").get<std::string>());
  NewtonTest<Ball> t = newton_test<Ball>(f, X, m);
  if (t.verdict != 1) throw RecheckFailure("the interval Newton test fails in Arb: " + t.why);
  std::string out = "exactly one root in [" + item.at("enclosure").at("lo").get<std::string>().substr(0, 24) + "…] (interval Newton in Arb at " +
                    std::to_string(bits) + " bits)";
  if (item.contains("window")) {
    Q wlo = parse_exact_decimal(item.at("window")[0].get<std::string>()), whi = parse_exact_decimal(item.at("window")[1].get<std::string>());
    // The root lies in N(X): N(X) must be strictly inside the exact window (balls are rounded outward).
    if (!arb_is_positive(Ball(t.image - Ball(wlo)).get()) || !arb_is_positive(Ball(Ball(whi) - t.image).get()))
      throw RecheckFailure("the enclosure is not inside the window");
    MonotoneProof mono = prove_monotone<Ball>(f, wlo, whi);
    if (mono.sign == 0 || mono.sign != item.at("monotone_sign").get<int>())
      throw RecheckFailure("the equation is not proved monotone on the window: " + mono.note);
    out += ", the only one on the window (" + std::to_string(mono.pieces) + " pieces)";
  }
  Evaluator<Ball> ev(prog);
  for (const auto& [s, v] : f.inputs) ev.set(s, v);
  ev.set_value(f.slot, Mat<Ball>::of_scalar(X));
  Mat<Ball> D;
  try {
    D = broadcast(ev.value(lhs), ev.value(rhs), [](const Ball& a, const Ball& b) { return Ball(a - b); }, "-");
  } catch (const ShapeError& e) {
    throw RecheckFailure(std::string("the relation's sides do not match: ") + e.what());
  }
  const std::string op = rel.at("op").get<std::string>();
  const bool holds = item.at("holds").get<bool>();
  bool all_hold = true, some_fail = false;
  for (const Ball& d : D.v) {
    int r = decide_ball(op, d);
    if (op == "==") {
      if (holds && !arb_is_nonnegative(Ball(Ball(parse_exact_decimal(item.at("bound").get<std::string>())) - Ops<Ball>::abs(d)).get()))
        throw RecheckFailure("|lhs - rhs| on the enclosure exceeds the stated bound");
    } else {
      all_hold = all_hold && r == 1;
    }
    some_fail = some_fail || r == 0;
  }
  if (holds && (some_fail || (op != "==" && !all_hold))) throw RecheckFailure("Arb does not confirm the relation on the enclosure");
  if (!holds && !some_fail) throw RecheckFailure("Arb does not confirm that the relation fails on the enclosure");
  return out + "; relation " + (holds ? (op == "==" ? "within the stated bound" : "holds") : "fails");
}

}  // namespace flowcert
