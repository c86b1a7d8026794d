// The independent re-validation of a certificate. It shares only the formula parser with the code that
// made the certificate: enclosures are recomputed with Arb (not MPFI), exact values with GiNaC's CLN
// rationals (not GMP), and the stored bounds are compared as exact decimals.
#include <ginac/ginac.h>

#include "flowcert/cert/certificate.hpp"
#include "flowcert/cert/recheck_detail.hpp"
#include "flowcert/cert/sha256.hpp"
#include "flowcert/num/decimal.hpp"
#include "flowcert/num/ops.hpp"
#include "flowcert/sym/compiler.hpp"
#include "flowcert/sym/evaluator.hpp"
#include "flowcert/sym/ex_ops.hpp"

namespace flowcert {

namespace {

using Reject = RecheckFailure;

}  // namespace

int decide_ball(const std::string& op, const Ball& d) {
  int s = Ops<Ball>::sign(d);
  if (s != kUnknownSign)
    return (op == "==") ? s == 0 : (op == "!=") ? s != 0 : (op == "<") ? s < 0 : (op == "<=") ? s <= 0 : (op == ">") ? s > 0 : s >= 0;
  bool lo_neg = !arb_is_nonnegative(d.get()), hi_pos = !arb_is_nonpositive(d.get());
  if (op == ">" && !hi_pos) return 0;
  if (op == "<" && !lo_neg) return 0;
  if (op == ">=" && !lo_neg) return 1;
  if (op == "<=" && !hi_pos) return 1;
  return -1;
}

DefTable read_definitions(const nlohmann::json& defs, const SourceRef& where) {
  DefTable out;
  for (const auto& [head, body] : defs.items()) {
    Definition d = parse_definition_head(head, body.get<std::string>(), where);
    out[d.name] = d;
  }
  return out;
}

Mat<Q> recheck_input_value(const nlohmann::json& j, const std::string& name) {
  try {
    if (j.is_string()) return Mat<Q>::of_scalar(parse_exact_decimal(j.get<std::string>()));
    std::size_t r = j.at("rows").get<std::size_t>(), c = j.at("cols").get<std::size_t>();
    const auto& vals = j.at("values");
    if (vals.size() != r * c) throw Reject("input '" + name + "' has " + std::to_string(vals.size()) + " values for a " + std::to_string(r) + "x" + std::to_string(c) + " shape");
    Mat<Q> m = Mat<Q>::sized(r, c);
    for (std::size_t k = 0; k < vals.size(); ++k) m.v[k] = parse_exact_decimal(vals[k].get<std::string>());
    return m;
  } catch (const Reject&) {
    throw;
  } catch (const std::exception& e) {
    throw Reject("input '" + name + "' is not an exact value: " + e.what());
  }
}

namespace {

// Decides `op` for a difference known to lie in [lo, hi] (exact rationals). 1 holds, 0 fails, -1 undecided.
int decide_bounds(const std::string& op, const Q& lo, const Q& hi) {
  if (lo > hi) return -1;
  if (op == ">") return lo > 0 ? 1 : (hi <= 0 ? 0 : -1);
  if (op == ">=") return lo >= 0 ? 1 : (hi < 0 ? 0 : -1);
  if (op == "<") return hi < 0 ? 1 : (lo >= 0 ? 0 : -1);
  if (op == "<=") return hi <= 0 ? 1 : (lo > 0 ? 0 : -1);
  if (op == "!=") return (lo > 0 || hi < 0) ? 1 : (lo == 0 && hi == 0 ? 0 : -1);
  if (op == "==") return (lo == 0 && hi == 0) ? 1 : ((lo > 0 || hi < 0) ? 0 : -1);
  return -1;
}

std::string check_item(const nlohmann::json& item) {
  const auto& rel = item.at("relation");
  std::string lhs = rel.at("lhs"), op = rel.at("op"), rhs = rel.at("rhs");
  std::map<std::string, std::string> defs = item.at("definitions").get<std::map<std::string, std::string>>();
  if (relation_hash(lhs, op, rhs, defs) != item.at("formula_sha256").get<std::string>())
    throw Reject("formula hash mismatch: the relation or a definition was edited");
  SourceRef where{"<certificate>", 0, item.value("check", ""), "relation"};
  DefTable table = read_definitions(item.at("definitions"), where);
  std::vector<std::string> names;
  std::vector<Mat<Q>> values;
  for (const auto& [name, v] : item.at("inputs").items()) {
    names.push_back(name);
    values.push_back(recheck_input_value(v, name));
  }
  Compiler comp(table, names);
  int l = comp.add("lhs", lhs, where), r = comp.add("rhs", rhs, where);
  Program prog = comp.take();
  const std::string arith = item.at("arithmetic");
  const auto& enc = item.at("enclosure_of_lhs_minus_rhs");
  Q lo, hi;
  try {
    lo = parse_exact_decimal(enc.at("lo").get<std::string>());
    hi = parse_exact_decimal(enc.at("hi").get<std::string>());
  } catch (const std::exception& e) {
    throw Reject(std::string("stored enclosure is not exact decimals: ") + e.what());
  }
  const bool holds = item.at("holds").get<bool>();
  int stored = decide_bounds(op, lo, hi);
  if (stored != (holds ? 1 : 0))
    throw Reject("the stored enclosure [" + enc.at("lo").get<std::string>() + ", " + enc.at("hi").get<std::string>() +
                 "] does not prove that the relation " + (holds ? "holds" : "fails"));
  if (arith == "mpfi") {
    long bits = item.at("precision_bits").get<long>();
    if (bits < 32 || bits > 1000000) throw Reject("precision_bits out of range");
    Mat<Ball> L, R;
    {
      BallPrecisionScope precision(bits);
      Evaluator<Ball> ev(prog);
      for (std::size_t i = 0; i < values.size(); ++i) ev.set(static_cast<int>(i), values[i]);
      try {
        L = ev.value(l);
        R = ev.value(r);
      } catch (const std::exception& e) {
        throw Reject(std::string("Arb evaluation failed: ") + e.what());
      }
    }
    if (L.v.size() != 1 || R.v.size() != 1) throw Reject("certificate relations must be scalar");
    Ball d = L.v[0] - R.v[0];
    // The truth lies in both enclosures: they must overlap.
    Ball stored_ball;
    {
      BallPrecisionScope precision(bits + 64);
      Ball blo(lo), bhi(hi);
      arb_union(stored_ball.get(), blo.get(), bhi.get(), bits + 64);
    }
    if (!arb_overlaps(d.get(), stored_ball.get()))
      throw Reject("the stored enclosure does not contain the value recomputed with Arb " + Ops<Ball>::str(d, 25) +
                   " (edited inputs or bounds?)");
    int s = Ops<Ball>::sign(d);
    int arb_decision = -1;
    if (s != kUnknownSign) {
      arb_decision = (op == "==") ? s == 0 : (op == "!=") ? s != 0 : (op == "<") ? s < 0 : (op == "<=") ? s <= 0 : (op == ">") ? s > 0 : s >= 0;
    }
    if (arb_decision != (holds ? 1 : 0))
      throw Reject("Arb at " + std::to_string(bits) + " bits does not confirm that the relation " + (holds ? "holds" : "fails") +
                   ": lhs - rhs in " + Ops<Ball>::str(d, 25));
    return "confirmed with Arb at " + std::to_string(bits) + " bits: lhs - rhs in " + Ops<Ball>::str(d, 20);
  }
  if (arith == "exact") {
    Evaluator<GiNaC::ex> ev(prog);
    for (std::size_t i = 0; i < values.size(); ++i) ev.set(static_cast<int>(i), values[i]);
    GiNaC::ex d;
    try {
      d = GiNaC::normal(ev.value(l).as_scalar("lhs") - ev.value(r).as_scalar("rhs"));
    } catch (const std::exception& e) {
      throw Reject(std::string("exact re-evaluation failed: ") + e.what());
    }
    if (!GiNaC::is_a<GiNaC::numeric>(d) || !GiNaC::ex_to<GiNaC::numeric>(d).is_rational())
      throw Reject("exact re-evaluation did not give a rational number");
    if (!(d - Ops<GiNaC::ex>::from_q(lo)).is_zero() || lo != hi)
      throw Reject("the stored exact value " + enc.at("lo").get<std::string>() + " differs from the recomputed " + Ops<GiNaC::ex>::str(d));
    return "confirmed in exact rational arithmetic (GiNaC/CLN): lhs - rhs = " + Ops<GiNaC::ex>::str(d);
  }
  throw Reject("unknown arithmetic '" + arith + "'");
}

}  // namespace

RecheckReport recheck_certificate(const nlohmann::json& cert) {
  RecheckReport rep;
  try {
    if (!cert.is_object() || cert.value("format", "") != kCertificateFormat) throw Reject("not a flowcert certificate (format field)");
    nlohmann::json body = cert;
    std::string digest = body.value("digest_sha256", "");
    body.erase("digest_sha256");
    if (sha256_hex(body.dump()) != digest) throw Reject("digest mismatch: the file was edited after it was written");
    const auto& items = cert.at("items");
    if (!items.is_array() || items.empty()) throw Reject("no items");
    std::size_t k = 0;
    for (const auto& item : items) {
      ++k;
      try {
        const std::string kind = item.value("kind", "point");
        std::string line = kind == "flow" ? recheck_flow_item(item) : kind == "root" ? recheck_root_item(item) : check_item(item);
        rep.lines.push_back("item " + std::to_string(k) + " (" + item.value("check", "") + ", " + item.value("point", "") + "): " + line);
      } catch (const Reject& e) {
        throw Reject("item " + std::to_string(k) + " (" + item.value("check", "") + ", " + item.value("point", "") + "): " + e.what());
      } catch (const InputError& e) {
        throw Reject("item " + std::to_string(k) + ": " + e.what());
      } catch (const DomainError& e) {
        throw Reject("item " + std::to_string(k) + ": re-evaluation failed: " + e.what());
      } catch (const ShapeError& e) {
        throw Reject("item " + std::to_string(k) + ": " + e.what());
      }
    }
    rep.ok = true;
  } catch (const Reject& e) {
    rep.lines.push_back(std::string("REJECTED: ") + e.what());
  } catch (const nlohmann::json::exception& e) {
    rep.lines.push_back(std::string("REJECTED: malformed certificate: ") + e.what());
  }
  return rep;
}

}  // namespace flowcert
