// Rechecks a flow certificate item with Arb balls, sharing only the parser and the generic Taylor code with
// the MPFI computation that wrote it: the initial values lie in the first box, consecutive steps chain,
// every step's a-priori box satisfies the Picard condition and its recomputed end lies in the stored one,
// in Lohner mode the image of each step's start set has its coordinates inside the stored end set,
// the pieces cover every step, and the relation is decided as stored on every piece.
#include <functional>

#include "flowcert/cert/certificate.hpp"
#include "flowcert/cert/recheck_detail.hpp"
#include "flowcert/num/decimal.hpp"
#include "flowcert/num/interval_ops.hpp"
#include "flowcert/ode/enclosure.hpp"
#include "flowcert/sym/evaluator.hpp"

namespace flowcert {

namespace {

std::vector<Mat<Ball>> read_box(const nlohmann::json& j) {
  std::vector<Mat<Ball>> box;
  for (const auto& m : j) {
    std::size_t r = m.at("rows").get<std::size_t>(), c = m.at("cols").get<std::size_t>();
    const auto &lo = m.at("lo"), &hi = m.at("hi");
    if (lo.size() != r * c || hi.size() != r * c) throw RecheckFailure("a box has the wrong number of entries");
    Mat<Ball> out = Mat<Ball>::sized(r, c);
    out.scalar = false;
    for (std::size_t k = 0; k < r * c; ++k) {
      Q l = parse_exact_decimal(lo[k].get<std::string>()), h = parse_exact_decimal(hi[k].get<std::string>());
      if (l > h) throw RecheckFailure("a box has lo > hi");
      out.v[k] = IntervalOps<Ball>::from_bounds(l, h);
    }
    box.push_back(std::move(out));
  }
  return box;
}

// A Lohner set (x + A r): exact centre and frame, coordinates as decimal bounds.
LohnerSet<Ball> read_set(const nlohmann::json& j) {
  LohnerSet<Ball> s;
  for (const auto& v : j.at("x")) s.x.push_back(parse_exact_decimal(v.get<std::string>()));
  if (j.contains("A"))
    for (const auto& v : j.at("A")) s.A.push_back(parse_exact_decimal(v.get<std::string>()));
  const auto &lo = j.at("r_lo"), &hi = j.at("r_hi");
  if (lo.size() != s.x.size() || hi.size() != s.x.size()) throw RecheckFailure("a Lohner set has the wrong number of coordinates");
  for (std::size_t k = 0; k < lo.size(); ++k) {
    Q l = parse_exact_decimal(lo[k].get<std::string>()), h = parse_exact_decimal(hi[k].get<std::string>());
    if (l > h) throw RecheckFailure("a Lohner set has lo > hi");
    s.r.push_back(IntervalOps<Ball>::from_bounds(l, h));
  }
  return s;
}

// Every stored box must have exactly the state's shapes (the hash does not cover them).
void check_shapes(const std::vector<Mat<Ball>>& box, const std::vector<Mat<Ball>>& y0, const std::string& what) {
  if (box.size() != y0.size()) throw RecheckFailure(what + " has " + std::to_string(box.size()) + " variables, the state " + std::to_string(y0.size()));
  for (std::size_t v = 0; v < y0.size(); ++v)
    if (box[v].rows != y0[v].rows || box[v].cols != y0[v].cols || box[v].scalar != y0[v].scalar)
      throw RecheckFailure(what + ": variable " + std::to_string(v) + " is " + box[v].shape() + ", the state " + y0[v].shape());
}

bool box_subset(const std::vector<Mat<Ball>>& inner, const std::vector<Mat<Ball>>& outer) {
  if (inner.size() != outer.size()) return false;
  for (std::size_t v = 0; v < inner.size(); ++v) {
    if (inner[v].v.size() != outer[v].v.size()) return false;
    for (std::size_t e = 0; e < inner[v].v.size(); ++e)
      if (!IntervalOps<Ball>::subset(inner[v].v[e], outer[v].v[e])) return false;
  }
  return true;
}

constexpr int kRecheckBisections = 6;

}  // namespace

std::string recheck_flow_item(const nlohmann::json& item) {
  if (flow_formula_hash(item) != item.at("formula_sha256").get<std::string>())
    throw RecheckFailure("formula hash mismatch: the relation, the field, the initial values or a definition was edited");
  const long bits = item.at("precision_bits").get<long>();
  const int order = item.at("taylor_order").get<int>();
  if (bits < 64 || bits > 100000 || order < 2 || order > 1000) throw RecheckFailure("precision or order out of range");
  BallPrecisionScope precision(bits);
  SourceRef where{"<certificate>", 0, item.value("check", ""), "flow"};
  DefTable defs = read_definitions(item.at("definitions"), where);
  std::vector<std::string> names;
  std::vector<Mat<Q>> values;
  for (const auto& [n, v] : item.at("inputs").items()) {
    names.push_back(n);
    values.push_back(recheck_input_value(v, n));
  }
  OdeSpec spec;
  for (const auto& [var, f] : item.at("field").items()) spec.field.emplace_back(var, f.get<std::string>());
  spec.log_time = item.at("log_time").get<bool>();
  spec.where = where;
  OdeSystem sys = compile_ode(spec, defs, names);
  std::vector<std::pair<int, Mat<Q>>> constants;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (int s = sys.prog.slot_of(names[i]); s >= 0) constants.emplace_back(s, values[i]);
  // Initial values.
  Compiler ic(defs, names);
  for (const auto& var : sys.state_names) ic.add("init:" + var, item.at("initial").at(var).get<std::string>(), where);
  Program iprog = ic.take();
  Evaluator<Ball> iev(iprog);
  for (std::size_t i = 0; i < names.size(); ++i)
    if (int s = iprog.slot_of(names[i]); s >= 0) iev.set(s, values[i]);
  std::vector<Mat<Ball>> y0;
  for (const auto& var : sys.state_names) y0.push_back(iev.root("init:" + var));
  const auto& steps = item.at("steps");
  if (!steps.is_array() || steps.empty()) throw RecheckFailure("no steps");
  for (std::size_t v = 0; v < y0.size(); ++v) y0[v].scalar = false;  // stored boxes are matrices
  if (!box_subset(y0, read_box(steps[0].at("start")))) throw RecheckFailure("the initial values are not inside the first box");
  // The relation, evaluated on piece enclosures.
  std::vector<std::string> rel_names = names;
  for (const auto& v : sys.state_names) rel_names.push_back(v);
  rel_names.push_back("t");
  Compiler rc(defs, rel_names);
  const auto& rel = item.at("relation");
  int lhs = rc.add("lhs", rel.at("lhs").get<std::string>(), where), rhs = rc.add("rhs", rel.at("rhs").get<std::string>(), where);
  Program rprog = rc.take();
  Evaluator<Ball> rev(rprog);
  for (std::size_t i = 0; i < names.size(); ++i)
    if (int s = rprog.slot_of(names[i]); s >= 0) rev.set(s, values[i]);
  const std::string op = rel.at("op").get<std::string>();
  // lhs - rhs on an enclosure y of the state at times in [s_lo, s_hi] (s = log(1 + t) in log time).
  auto difference = [&](const std::vector<Mat<Ball>>& y, const Q& s_lo, const Q& s_hi) {
    Ball trange = IntervalOps<Ball>::from_bounds(s_lo, s_hi);
    if (sys.log_time) trange = Ops<Ball>::expm1(trange);
    for (std::size_t v = 0; v < sys.state_names.size(); ++v)
      if (int s = rprog.slot_of(sys.state_names[v]); s >= 0) rev.set_value(s, y[v]);
    if (int s = rprog.slot_of("t"); s >= 0) rev.set_value(s, Mat<Ball>::of_scalar(trange));
    try {
      return broadcast(rev.value(lhs), rev.value(rhs), [](const Ball& a, const Ball& b) { return Ball(a - b); }, "-");
    } catch (const ShapeError& e) {
      throw RecheckFailure(std::string("the relation's sides do not match: ") + e.what());
    }
  };
  // A trajectory item decides the relation at output times (step ends) only; a Lyapunov item on pieces
  // covering every step.
  const bool at_checkpoints = item.contains("checkpoints");
  std::vector<std::pair<Q, std::vector<Mat<Ball>>>> ends;
  const bool holds = item.at("holds").get<bool>();
  bool seen_failure = false;
  long n_pieces = 0;
  Q t_prev(0);
  std::vector<Mat<Ball>> prev_end;
  LohnerSet<Ball> prev_frame;
  long n_lohner = 0;
  for (std::size_t k = 0; k < steps.size(); ++k) {
    const auto& sj = steps[k];
    EnclosureStep<Ball> st{parse_exact_decimal(sj.at("t0").get<std::string>()), parse_exact_decimal(sj.at("t1").get<std::string>()),
                           read_box(sj.at("start")), read_box(sj.at("apriori")), read_box(sj.at("end")), {}, {}};
    if (sj.contains("lohner_in")) st.frame_in = read_set(sj.at("lohner_in"));
    if (sj.contains("lohner")) st.frame = read_set(sj.at("lohner"));
    const std::string which = "step " + std::to_string(k);
    check_shapes(st.start, y0, which + " start");
    check_shapes(st.apriori, y0, which + " a-priori box");
    check_shapes(st.end, y0, which + " end");
    if (st.t0 != t_prev) throw RecheckFailure("step " + std::to_string(k) + " does not start where the previous one ended");
    if (k > 0 && !box_subset(prev_end, st.start)) throw RecheckFailure("step " + std::to_string(k) + "'s start does not contain the previous end");
    std::string why = validate_step<Ball>(sys, constants, st, order, prev_frame.empty() ? nullptr : &prev_frame);
    if (!why.empty()) throw RecheckFailure("step " + std::to_string(k) + ": " + why);
    // The relation on y(t), t in t0 + [lo, hi]: 1 holds, 0 fails, -1 undecided.
    auto decide_piece = [&](const Q& lo, const Q& hi) {
      Mat<Ball> D = difference(range_enclosure<Ball>(sys, constants, st, lo, hi, order), Q(st.t0 + lo), Q(st.t0 + hi));
      int decision = 1;
      for (const Ball& d : D.v) {
        int r = decide_ball(op, d);
        if (r == 0) decision = 0;
        else if (r == -1 && decision == 1) decision = -1;
      }
      return decision;
    };
    std::function<int(const Q&, const Q&, int)> decide_bisected = [&](const Q& lo, const Q& hi, int depth) {
      int d = decide_piece(lo, hi);
      if (d != -1 || depth == kRecheckBisections) return d;
      Q mid = (lo + hi) / 2;
      int a = decide_bisected(lo, mid, depth + 1);
      if (a == 0) return 0;
      int b = decide_bisected(mid, hi, depth + 1);
      return b == 0 ? 0 : (a == 1 && b == 1) ? 1 : -1;
    };
    // Pieces: contiguous, covering [0, h] (a certificate of failure may stop at its failing piece).
    Q h = st.t1 - st.t0, covered(0);
    for (const auto& pc : sj.at("pieces")) {
      Q lo = parse_exact_decimal(pc.at(0).get<std::string>()), hi = parse_exact_decimal(pc.at(1).get<std::string>());
      if (lo != covered || !(hi > lo) || hi > h) throw RecheckFailure("step " + std::to_string(k) + ": pieces are not contiguous");
      // Ball arithmetic is looser than MPFI on a time range, so an undecided piece is bisected here.
      int decision = decide_bisected(lo, hi, 0);
      ++n_pieces;
      if (holds && decision != 1)
        throw RecheckFailure("step " + std::to_string(k) + ": Arb does not confirm the relation on a piece");
      if (!holds && decision == 0) seen_failure = true;
      covered = hi;
    }
    if (at_checkpoints && n_pieces > 0) throw RecheckFailure("a checkpoint certificate has pieces");
    if (holds && !at_checkpoints && covered != h) throw RecheckFailure("step " + std::to_string(k) + ": pieces do not cover the step");
    if (at_checkpoints) ends.emplace_back(st.t1, st.end);
    prev_end = st.end;
    prev_frame = st.frame;
    n_lohner += st.frame.empty() ? 0 : 1;  // a box-mode step ends the chain of Lohner sets
    t_prev = st.t1;
  }
  long n_checkpoints = 0;
  if (at_checkpoints) {
    // Each checkpoint names a step end; "==" holds within the stated bound on |lhs - rhs|, other relations
    // are decided; a failure is a difference whose enclosure excludes the relation.
    for (const auto& cp : item.at("checkpoints")) {
      std::size_t k = cp.at("step").get<std::size_t>();
      if (k >= ends.size()) throw RecheckFailure("a checkpoint names a step that does not exist");
      if (parse_exact_decimal(cp.at("s").get<std::string>()) != ends[k].first) throw RecheckFailure("a checkpoint's time is not its step's end");
      Mat<Ball> D = difference(ends[k].second, ends[k].first, ends[k].first);
      ++n_checkpoints;
      for (const Ball& d : D.v) {
        int r = decide_ball(op, d);
        if (r == 0) seen_failure = true;
        if (holds && op == "==") {
          Ball bound(parse_exact_decimal(cp.at("bound").get<std::string>()));
          if (!arb_is_nonnegative(Ball(bound - Ops<Ball>::abs(d)).get())) throw RecheckFailure("step " + std::to_string(k) + ": |lhs - rhs| exceeds the stated bound");
        } else if (holds && r != 1) {
          throw RecheckFailure("step " + std::to_string(k) + ": Arb does not confirm the relation at the checkpoint");
        }
      }
    }
    if (n_checkpoints == 0) throw RecheckFailure("a checkpoint certificate without checkpoints");
    // Every output time the item speaks of (hashed) must have been checked.
    if (!item.contains("stops")) throw RecheckFailure("a checkpoint certificate without its output times");
    for (const auto& s : item.at("stops")) {
      bool seen = false;
      for (const auto& cp : item.at("checkpoints")) seen = seen || cp.at("s").get<std::string>() == s.get<std::string>();
      if (!seen) throw RecheckFailure("output time " + s.get<std::string>() + " has no checkpoint");
    }
  }
  if (!holds && !seen_failure) throw RecheckFailure("no piece or checkpoint where the relation provably fails");
  // The steps must cover exactly the range the certificate states (a truncated certificate proves less).
  if (!item.contains("covers")) throw RecheckFailure("the certificate does not state the range it covers");
  Q covers_to = parse_exact_decimal(item.at("covers").at("to").get<std::string>());
  if (holds && t_prev != covers_to)
    throw RecheckFailure("the steps end at " + exact_string(t_prev, 40) + ", not at the stated end " + exact_string(covers_to, 40));
  return "flow re-enclosed with Arb at " + std::to_string(bits) + " bits on [0, " + exact_string(covers_to, 40) + "] (" +
         (sys.log_time ? std::string("s = log(1 + t)") : std::string("t")) + "): " + std::to_string(steps.size()) + " steps (" +
         std::to_string(n_lohner) + " in Lohner form), " +
         (at_checkpoints ? std::to_string(n_checkpoints) + (n_checkpoints == 1 ? " checkpoint" : " checkpoints") + ", relation " +
                           (holds ? (op == "==" ? std::string("within the stated bounds at all") : std::string("holds at all")) : std::string("fails at one"))
                     : std::to_string(n_pieces) + " pieces, relation " + (holds ? "holds on all" : "fails on one"));
}

}  // namespace flowcert
