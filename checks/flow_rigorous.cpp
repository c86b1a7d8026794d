#include "checks/flow_rigorous.hpp"

#include <limits>

#include "flowcert/cert/certificate.hpp"
#include "flowcert/ode/recheck_form.hpp"
#include "flowcert/num/decimal.hpp"
#include "flowcert/num/interval_ops.hpp"
#include "flowcert/sym/formula_text.hpp"

namespace flowcert {

namespace {

template <class EV>
void set_inputs(EV& ev, const Program& prog, const Point& p) {
  for (std::size_t s = 0; s < prog.params.size(); ++s)
    for (const auto& [n, v] : p.values)
      if (n == prog.params[s]) ev.set(static_cast<int>(s), v);
}

nlohmann::json box_json(const std::vector<Mat<iv>>& box, unsigned digits) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& m : box) {
    nlohmann::json lo = nlohmann::json::array(), hi = nlohmann::json::array();
    for (const auto& x : m.v) {
      lo.push_back(IntervalOps<iv>::lower(x, digits));
      hi.push_back(IntervalOps<iv>::upper(x, digits));
    }
    out.push_back({{"rows", m.rows}, {"cols", m.cols}, {"lo", lo}, {"hi", hi}});
  }
  return out;
}

nlohmann::json set_json(const LohnerSet<iv>& set, unsigned digits) {
  nlohmann::json x = nlohmann::json::array(), a = nlohmann::json::array(), lo = nlohmann::json::array(), hi = nlohmann::json::array();
  for (const Q& v : set.x) x.push_back(exact_string(v, 400));
  for (const Q& v : set.A) a.push_back(exact_string(v, 400));
  for (const iv& r : set.r) {
    lo.push_back(IntervalOps<iv>::lower(r, digits));
    hi.push_back(IntervalOps<iv>::upper(r, digits));
  }
  nlohmann::json out = {{"x", x}, {"r_lo", lo}, {"r_hi", hi}};
  if (!set.A.empty()) out["A"] = a;
  return out;
}

}  // namespace

RigorousFlow enclose_check_flow(const CompiledFlow& flow, const Point& p, unsigned bits, bool recheckable, bool all_stops,
                                int lohner) {
  RigorousFlow rf;
  rf.bits = bits;
  EnclosureOptions opt;
  opt.bits = bits;
  if (lohner >= 0) opt.lohner_from = lohner ? 0.0 : std::numeric_limits<double>::infinity();
  rf.order = std::max(10, static_cast<int>(0.25 * bits));
  opt.order = rf.order;
  Evaluator<iv> init(flow.init);
  set_inputs(init, flow.init, p);
  std::vector<Mat<iv>> y0;
  for (const auto& var : flow.sys.state_names) y0.push_back(init.root("init:" + var));
  // Stops must be exact: the upper end of an MPFI enclosure of each time (of log(1 + t) in log time),
  // rounded up to 30 digits, so that the enclosure covers at least [0, t_end].
  Evaluator<iv> times(flow.times);
  set_inputs(times, flow.times, p);
  std::vector<Q> stops;
  for (std::size_t k = 0; k < flow.n_times; ++k) {
    iv t = times.root("time:" + std::to_string(k)).as_scalar("a time");
    iv s = flow.sys.log_time ? Ops<iv>::log1p(t) : t;
    stops.push_back(parse_exact_decimal(IntervalOps<iv>::upper(s, 30)));
  }
  rf.end = stops.back();
  if (all_stops) rf.stops = stops;
  if (!all_stops) stops = {stops.back()};
  const auto constants = flow_constants(flow.sys, p);
  const unsigned digits = bits_to_digits(bits) + 6;
  if (recheckable) opt.accept_step = [&](const EnclosureStep<iv>& st, const LohnerSet<iv>* previous) {
    BallPrecisionScope precision(bits);
    LohnerSet<Ball> prev;
    if (previous) prev = recheck_set(*previous, digits);
    return validate_step<Ball>(flow.sys, constants, recheck_step(st, digits), rf.order, previous ? &prev : nullptr).empty();
  };
  rf.steps = enclose_flow<iv>(flow.sys, constants, y0, Q(0), stops, opt);
  return rf;
}

std::vector<DecidedPiece> decide_along(const CompiledRelation& rel, const CompiledFlow& flow, const Point& p,
                                       const RigorousFlow& rf, int max_depth) {
  std::vector<DecidedPiece> out;
  auto constants = flow_constants(flow.sys, p);
  Evaluator<iv> ev(rel.prog);
  const auto& vars = flow.sys.state_names;
  auto decide_piece = [&](std::size_t k, const Q& lo, const Q& hi) {
    const auto& st = rf.steps[k];
    auto y = range_enclosure<iv>(flow.sys, constants, st, lo, hi, rf.order);
    iv trange = IntervalOps<iv>::from_bounds(Q(st.t0 + lo), Q(st.t0 + hi));
    if (flow.sys.log_time) trange = Ops<iv>::expm1(trange);
    bind_inputs(ev, rel.prog, p, vars, y, &trange);
    Mat<iv> d = difference(ev.value(rel.lhs), ev.value(rel.rhs), rel.where);
    int all = 1;
    for (const auto& x : d.v) {
      int r = decide_enclosure(rel.op, x);
      if (r == 0) return 0;
      if (r == -1) all = -1;
    }
    return all;
  };
  for (std::size_t k = 0; k < rf.steps.size(); ++k) {
    Q h = rf.steps[k].t1 - rf.steps[k].t0;
    // Depth-first bisection of undecided pieces.
    std::vector<std::tuple<Q, Q, int>> stack = {{Q(0), h, 0}};
    std::vector<DecidedPiece> pieces;
    while (!stack.empty()) {
      auto [lo, hi, depth] = stack.back();
      stack.pop_back();
      int r = decide_piece(k, lo, hi);
      if (r == -1 && depth < max_depth) {
        Q mid = (lo + hi) / 2;
        stack.emplace_back(mid, hi, depth + 1);
        stack.emplace_back(lo, mid, depth + 1);
        continue;
      }
      pieces.push_back(DecidedPiece{k, lo, hi, r});
      if (r == 0) break;
    }
    for (auto& pc : pieces) out.push_back(pc);
    if (!out.empty() && out.back().decision == 0) break;
  }
  return out;
}

nlohmann::json flow_certificate_item(const Claim& claim, const CheckSpec& spec, const CompiledRelation& rel,
                                     const CompiledFlow& flow, const Point& p, const RigorousFlow& rf,
                                     const std::vector<DecidedPiece>& pieces, bool holds) {
  const unsigned digits = bits_to_digits(rf.bits) + 6;  // as in the accepted steps' recheck_step
  nlohmann::json field = nlohmann::json::object(), init = nlohmann::json::object();
  for (const auto& [var, f] : spec.field) field[var] = normalize_formula(f.text);
  for (const auto& [var, f] : spec.state) init[var] = normalize_formula(f.text);
  nlohmann::json inputs = nlohmann::json::object();
  for (const auto& [n, v] : p.values) {
    bool used = false;
    for (const auto& name : flow.sys.prog.params) used = used || name == n;
    for (const auto& name : flow.init.params) used = used || name == n;
    for (const auto& name : rel.prog.params) used = used || name == n;
    if (used) inputs[n] = exact_value_json(v);
  }
  // Every definition the field, the initial values and the relation use.
  std::map<std::string, std::string> defs = rel.defs;
  for (const auto& [k, v] : flow.used_defs) defs[k] = v;
  nlohmann::json steps = nlohmann::json::array();
  for (std::size_t k = 0; k < rf.steps.size(); ++k) {
    const auto& st = rf.steps[k];
    nlohmann::json pc = nlohmann::json::array();
    for (const auto& d : pieces)
      if (d.step == k) pc.push_back({exact_string(d.lo, 200), exact_string(d.hi, 200)});
    nlohmann::json sj = {{"t0", exact_string(st.t0, 200)}, {"t1", exact_string(st.t1, 200)}, {"start", box_json(st.start, digits)},
                         {"apriori", box_json(st.apriori, digits)}, {"end", box_json(st.end, digits)}, {"pieces", pc}};
    if (!st.frame_in.empty()) sj["lohner_in"] = set_json(st.frame_in, digits);
    if (!st.frame.empty()) sj["lohner"] = set_json(st.frame, digits);
    steps.push_back(std::move(sj));
  }
  nlohmann::json item = {{"kind", "flow"},
                         {"check", spec.name},
                         {"point", p.label},
                         {"relation", {{"lhs", rel.lhs_text}, {"op", rel.op}, {"rhs", rel.rhs_text}}},
                         {"field", field},
                         {"initial", init},
                         {"log_time", flow.sys.log_time},
                         {"definitions", defs},
                         {"inputs", inputs},
                         {"arithmetic", "mpfi"},
                         {"precision_bits", rf.bits},
                         {"taylor_order", rf.order},
                         {"covers", {{"from", "0"}, {"to", exact_string(rf.end, 200)}}},
                         {"steps", steps},
                         {"holds", holds}};
  item["formula_sha256"] = flow_formula_hash(item);
  (void)claim;
  return item;
}

std::vector<Checkpoint> decide_at_checkpoints(const CompiledRelation& rel, const CompiledFlow& flow, const Point& p,
                                              const RigorousFlow& rf) {
  if (rf.stops.empty()) throw DomainError("decide_at_checkpoints: the enclosure was not stopped at the output times");
  Evaluator<iv> ev(rel.prog);
  Evaluator<Ball> bev(rel.prog);
  std::vector<Checkpoint> out;
  std::size_t k = 0;
  for (const Q& stop : rf.stops) {
    while (k < rf.steps.size() && rf.steps[k].t1 != stop) ++k;
    if (k == rf.steps.size()) throw DomainError("decide_at_checkpoints: no step ends at an output time");
    iv t = Ops<iv>::from_q(stop);
    if (flow.sys.log_time) t = Ops<iv>::expm1(t);
    bind_inputs(ev, rel.prog, p, flow.sys.state_names, rf.steps[k].end, &t);
    Mat<iv> d = difference(ev.value(rel.lhs), ev.value(rel.rhs), rel.where);
    Checkpoint cp{k, 1, "0"};
    iv worst(0);
    for (const auto& x : d.v) {
      int r = decide_enclosure_or_consistent(rel.op, x);
      if (r == 0) cp.decision = 0;
      else if (r == -1 && cp.decision == 1) cp.decision = -1;
      worst = Ops<iv>::max(worst, Ops<iv>::abs(x));
    }
    // The bound must also hold for the recheck, which sees the stored (outward decimal) box in Arb.
    {
      BallPrecisionScope precision(rf.bits);
      Ball tb = IntervalOps<Ball>::from_bounds(stop, stop);
      if (flow.sys.log_time) tb = Ops<Ball>::expm1(tb);
      bind_inputs(bev, rel.prog, p, flow.sys.state_names, recheck_box(rf.steps[k].end, bits_to_digits(rf.bits) + 6), &tb);
      Mat<Ball> db = difference(bev.value(rel.lhs), bev.value(rel.rhs), rel.where);
      for (const auto& x : db.v) worst = Ops<iv>::max(worst, Ops<iv>::from_q(parse_exact_decimal(Ops<Ball>::abs(x).upper_string(6))));
    }
    cp.bound = IntervalOps<iv>::upper(worst, 3);
    out.push_back(cp);
  }
  return out;
}

nlohmann::json flow_checkpoint_item(const Claim& claim, const CheckSpec& spec, const CompiledRelation& rel,
                                    const CompiledFlow& flow, const Point& p, const RigorousFlow& rf,
                                    const std::vector<Checkpoint>& checkpoints, bool holds) {
  nlohmann::json item = flow_certificate_item(claim, spec, rel, flow, p, rf, {}, holds);
  nlohmann::json cps = nlohmann::json::array();
  for (const auto& cp : checkpoints)
    cps.push_back({{"step", cp.step}, {"s", exact_string(rf.steps[cp.step].t1, 200)}, {"bound", cp.bound}});
  item["checkpoints"] = cps;
  nlohmann::json stops = nlohmann::json::array();
  for (const Q& s : rf.stops) stops.push_back(exact_string(s, 200));
  item["stops"] = stops;  // every output time (hashed): each must have its checkpoint
  item["formula_sha256"] = flow_formula_hash(item);
  return item;
}

}  // namespace flowcert
