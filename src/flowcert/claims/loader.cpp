// claims.toml -> ClaimsFile. The schema is strict: an unknown key is an error (it is usually a typo that
// would otherwise silently change what gets checked).
#include <toml++/toml.h>

#include <charconv>
#include <cmath>
#include <set>

#include "flowcert/claims/claim.hpp"
#include "flowcert/num/decimal.hpp"

namespace flowcert {

namespace {

struct Ctx {
  std::string file;
  std::string claim;
  SourceRef at(const toml::node& n, const std::string& field) const {
    return SourceRef{file, static_cast<long>(n.source().begin.line), claim, field};
  }
};

void check_keys(const Ctx& c, const toml::table& t, const std::set<std::string>& allowed, const std::string& what) {
  for (auto&& [k, v] : t)
    if (!allowed.count(std::string(k.str()))) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      throw InputError(c.at(v, std::string(k.str())), "unknown key '" + std::string(k.str()) + "' in " + what + " (allowed: " + list + ")");
    }
}

std::string get_string(const Ctx& c, const toml::node& n, const std::string& field) {
  if (auto s = n.as_string()) return s->get();
  throw InputError(c.at(n, field), "expected a string");
}

Q scalar_value(const Ctx& c, const toml::node& n, const std::string& field) {
  if (auto i = n.as_integer()) return Q(i->get());
  if (auto f = n.as_floating_point()) {
    double d = f->get();
    if (!std::isfinite(d)) throw InputError(c.at(n, field), "NaN or infinity is not a valid input");
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, d);
    return parse_exact_decimal(std::string(buf, r.ptr));
  }
  if (auto s = n.as_string()) {
    try {
      return parse_exact_decimal(s->get());
    } catch (const std::exception& e) {
      throw InputError(c.at(n, field), std::string("not an exact number: ") + e.what());
    }
  }
  throw InputError(c.at(n, field), "expected a number (integer, decimal or decimal string)");
}

// A number, an array of numbers (column vector) or an array of arrays (matrix, row by row).
Mat<Q> exact_value(const Ctx& c, const toml::node& n, const std::string& field) {
  const toml::array* a = n.as_array();
  if (!a) return Mat<Q>::of_scalar(scalar_value(c, n, field));
  if (a->empty()) return Mat<Q>::sized(0, 1);
  if (const toml::array* first = (*a)[0].as_array()) {
    Mat<Q> m = Mat<Q>::sized(a->size(), first->size());
    for (std::size_t i = 0; i < a->size(); ++i) {
      const toml::array* row = (*a)[i].as_array();
      if (!row || row->size() != first->size()) throw InputError(c.at((*a)[i], field), "matrix rows must be arrays of equal length");
      for (std::size_t j = 0; j < row->size(); ++j) m(i, j) = scalar_value(c, (*row)[j], field);
    }
    return m;
  }
  Mat<Q> v = Mat<Q>::sized(a->size(), 1);
  for (std::size_t i = 0; i < a->size(); ++i) v.v[i] = scalar_value(c, (*a)[i], field);
  return v;
}

void read_defs(const Ctx& c, const toml::table& t, DefTable& out, const std::string& prefix) {
  for (auto&& [k, v] : t) {
    std::string key(k.str());
    SourceRef where = c.at(v, prefix + "." + key);
    Definition d = parse_definition_head(key, get_string(c, v, prefix + "." + key), where);
    out[d.name] = std::move(d);
  }
}

const std::set<std::string> kCheckKeys = {"name", "defs", "conserved", "kind", "lhs", "rhs", "holds", "params", "grid", "random", "samples",
                                          "seed", "symbolic", "digits", "slack", "refute_digits", "domain_error",
                                          "state", "field", "times", "log_time", "method", "rigorous", "bits", "lohner",
                                          "quantity", "rate", "find", "window", "plot", "tends_to", "slope", "tolerance", "unknowns", "equations",
                                          "iterate_state", "map", "steps", "checkpoints", "step_time", "judge", "polynomial", "variable",
                                          "montecarlo", "predict", "lower", "upper", "indices"};

const std::set<std::string> kClaimOnlyKeys = {"id", "where", "statement", "expect", "notes", "defs", "check", "full"};

// montecarlo = { estimator, model, statistic, arithmetic, chains, full_chains, depth, alpha, correction }.
void read_montecarlo(const Ctx& c, const toml::node& v, CheckSpec::MonteCarlo& mc) {
  const toml::table* t = v.as_table();
  if (!t) throw InputError(c.at(v, "montecarlo"), "montecarlo must be a table { estimator, chains, depth, ... }");
  check_keys(c, *t, {"estimator", "model", "statistic", "arithmetic", "chains", "full_chains", "depth", "alpha", "correction", "plot_x"}, "montecarlo");
  auto one_of = [&](const char* key, std::string& out, std::initializer_list<const char*> options) {
    if (!t->contains(key)) return;
    out = get_string(c, *t->get(key), key);
    for (const char* o : options)
      if (out == o) return;
    std::string list;
    for (const char* o : options) list += (list.empty() ? "" : ", ") + std::string(o);
    throw InputError(c.at(*t->get(key), std::string("montecarlo.") + key), std::string(key) + " must be one of " + list);
  };
  one_of("estimator", mc.estimator, {"lyapunov", "finite_depth", "haar_minor", "wishart", "rank_law"});
  one_of("model", mc.model, {"thm53", "fgln"});
  one_of("statistic", mc.statistic, {"Y", "partial", "logs", "zero"});
  one_of("arithmetic", mc.arithmetic, {"double", "mpfr"});
  one_of("correction", mc.correction, {"holm", "bonferroni"});
  for (const char* key : {"chains", "full_chains"}) {
    if (!t->contains(key)) continue;
    auto i = t->get(key)->as_integer();
    if (!i || i->get() < 2 || i->get() > 100000000)
      throw InputError(c.at(*t->get(key), std::string("montecarlo.") + key), std::string(key) + " must be an integer in 2..1e8");
    (std::string(key) == "chains" ? mc.chains : mc.full_chains) = i->get();
  }
  if (t->contains("depth")) {
    const toml::node& d = *t->get("depth");
    mc.depth = d.as_integer() ? std::to_string(d.as_integer()->get()) : get_string(c, d, "montecarlo.depth");
  }
  if (t->contains("plot_x")) mc.plot_x = get_string(c, *t->get("plot_x"), "montecarlo.plot_x");
  if (t->contains("alpha")) {
    mc.alpha = scalar_value(c, *t->get("alpha"), "montecarlo.alpha").convert_to<double>();
    if (!(mc.alpha > 0 && mc.alpha < 0.5)) throw InputError(c.at(*t->get("alpha"), "montecarlo.alpha"), "alpha must be in (0, 0.5)");
  }
  if (mc.estimator.empty()) throw InputError(c.at(v, "montecarlo"), "montecarlo needs an estimator");
  if (mc.chains == 0) throw InputError(c.at(v, "montecarlo"), "montecarlo needs chains (the number of independent chains)");
}

// Reads the check fields of table t into s. Called for the claim's table, then for a [[claim.check]]
// table: the check's formulas, grid, random and symbolic replace the claim's; its params add to them.
void read_check_fields(const Ctx& c, const toml::table& t, CheckSpec& s) {
  if (t.contains("holds") || t.contains("lhs") || t.contains("rhs") || t.contains("conserved") || t.contains("predict") ||
      t.contains("lower") || t.contains("upper"))
    s.formulas.clear();
  if (t.contains("random")) s.random.clear();
  if (t.contains("symbolic")) s.symbolic.clear();
  for (auto&& [k, v] : t) {
    std::string key(k.str());
    if (kClaimOnlyKeys.count(key)) continue;
    if (key == "name") s.name = get_string(c, v, key);
    else if (key == "kind") s.kind = get_string(c, v, key);
    else if (key == "lhs" || key == "rhs" || key == "holds" || key == "conserved" || key == "predict" || key == "lower" ||
             key == "upper" || key == "indices")
      s.formulas[key] = FormulaText{get_string(c, v, key), c.at(v, key)};
    else if (key == "montecarlo") read_montecarlo(c, v, s.mc);
    else if (key == "params") {
      const toml::table* p = v.as_table();
      if (!p) throw InputError(c.at(v, key), "params must be a table");
      for (auto&& [pk, pv] : *p) s.params[std::string(pk.str())] = ExactInput{exact_value(c, pv, "params." + std::string(pk.str())), c.at(pv, "params." + std::string(pk.str()))};
    } else if (key == "grid") {
      const toml::table* g = v.as_table();
      if (!g) throw InputError(c.at(v, key), "grid must be a table");
      std::vector<GridAxis> explicit_axes, range_axes;
      for (auto&& [gk, gv] : *g) {
        GridAxis ax;
        ax.name = std::string(gk.str());
        ax.where = c.at(gv, "grid." + ax.name);
        if (auto str = gv.as_string()) {
          auto dots = str->get().find("..");
          if (dots == std::string::npos) throw InputError(ax.where, "a grid range is written \"lo..hi\"");
          ax.range_lo = str->get().substr(0, dots);
          ax.range_hi = str->get().substr(dots + 2);
          range_axes.push_back(std::move(ax));
        } else if (auto arr = gv.as_array()) {
          for (const auto& e : *arr) ax.values.push_back(exact_value(c, e, "grid." + ax.name));
          if (ax.values.empty()) throw InputError(ax.where, "empty grid axis");
          explicit_axes.push_back(std::move(ax));
        } else {
          throw InputError(ax.where, "a grid axis is an array of values or a range \"lo..hi\"");
        }
      }
      // Explicit axes first, so that ranges may refer to them.
      s.grid = std::move(explicit_axes);
      for (auto& ax : range_axes) s.grid.push_back(std::move(ax));
    } else if (key == "random") {
      const toml::table* r = v.as_table();
      if (!r) throw InputError(c.at(v, key), "random must be a table of variables");
      for (auto&& [rk, rv] : *r) {
        RandomSpec spec;
        spec.name = std::string(rk.str());
        spec.where = c.at(rv, "random." + spec.name);
        const toml::table* rt = rv.as_table();
        if (!rt) throw InputError(spec.where, "a random variable is a table {size, dist, lo, hi, scale}");
        check_keys(c, *rt, {"size", "dist", "lo", "hi", "scale"}, "random." + spec.name);
        for (auto&& [fk, fv] : *rt) {
          std::string f(fk.str());
          if (f == "size") spec.size = fv.as_integer() ? std::to_string(fv.as_integer()->get()) : get_string(c, fv, f);
          else if (f == "dist") spec.dist = get_string(c, fv, f);
          else if (f == "lo") spec.lo = scalar_value(c, fv, f);
          else if (f == "hi") spec.hi = scalar_value(c, fv, f);
          else if (f == "scale") {
            Mat<Q> sc = exact_value(c, fv, f);
            spec.scales = sc.v;
          }
        }
        if (spec.dist != "uniform" && spec.dist != "loguniform")
          throw InputError(spec.where, "unknown distribution '" + spec.dist + "' (uniform, loguniform)");
        if (spec.hi < spec.lo) throw InputError(spec.where, "random range has hi < lo");
        s.random.push_back(std::move(spec));
      }
    } else if (key == "samples") {
      auto i = v.as_integer();
      if (!i || i->get() < 1 || i->get() > 1000000) throw InputError(c.at(v, key), "samples must be an integer in 1..1000000");
      s.samples = i->get();
    } else if (key == "seed") {
      auto i = v.as_integer();
      if (!i || i->get() < 0) throw InputError(c.at(v, key), "seed must be a non-negative integer");
      s.seed = static_cast<std::uint64_t>(i->get());
    } else if (key == "symbolic") {
      const toml::table* st = v.as_table();
      if (!st) throw InputError(c.at(v, key), "symbolic must be a table name = size formula (\"\" for a scalar)");
      for (auto&& [sk, sv] : *st)
        s.symbolic[std::string(sk.str())] = sv.as_integer() ? std::to_string(sv.as_integer()->get()) : get_string(c, sv, "symbolic");
    } else if (key == "digits") {
      auto i = v.as_integer();
      if (!i || i->get() < 10 || i->get() > 5000) throw InputError(c.at(v, key), "digits must be an integer in 10..5000");
      s.digits = static_cast<unsigned>(i->get());
    } else if (key == "slack" || key == "refute_digits") {
      double d = scalar_value(c, v, key).convert_to<double>();
      (key == "slack" ? s.slack : s.refute_digits) = d;
    } else if (key == "state" || key == "field") {
      const toml::table* st = v.as_table();
      if (!st) throw InputError(c.at(v, key), key + " must be a table: variable = formula");
      auto& target = key == "state" ? s.state : s.field;
      target.clear();
      for (auto&& [sk, sv] : *st) target[std::string(sk.str())] = FormulaText{get_string(c, sv, key), c.at(sv, key + "." + std::string(sk.str()))};
    } else if (key == "times" && v.is_table()) {
      // A generated grid: { from, to, count, spacing = "linear" | "log" } (log: equally spaced in log(1 + t)).
      const toml::table& g = *v.as_table();
      check_keys(c, g, {"from", "to", "count", "spacing"}, "times");
      Q from = g.contains("from") ? scalar_value(c, *g.get("from"), "times.from") : Q(0);
      if (!g.contains("to") || !g.contains("count")) throw InputError(c.at(v, key), "times = { from, to, count, spacing }");
      Q to = scalar_value(c, *g.get("to"), "times.to");
      auto cnt = g.get("count")->as_integer();
      if (!cnt || cnt->get() < 1 || cnt->get() > 100000 || !(to > from) || from < 0)
        throw InputError(c.at(v, key), "times needs 0 <= from < to and 1 <= count <= 100000");
      std::string spacing = g.contains("spacing") ? get_string(c, *g.get("spacing"), "times.spacing") : "linear";
      if (spacing != "linear" && spacing != "log") throw InputError(c.at(v, key), "spacing is linear or log");
      s.times.clear();
      long n = cnt->get();
      for (long k = 1; k <= n; ++k) {
        Q frac(k, n);
        if (spacing == "linear") s.times.push_back(exact_string(Q(from + (to - from) * frac), 200));
        else s.times.push_back("expm1(log1p(" + exact_string(from, 200) + ") + (log1p(" + exact_string(to, 200) + ") - log1p(" +
                               exact_string(from, 200) + "))*" + exact_string(frac, 200) + ")");
      }
    } else if (key == "times") {
      const toml::array* arr = v.as_array();
      if (!arr || arr->empty()) throw InputError(c.at(v, key), "times must be a non-empty array of times (numbers or formulas)");
      s.times.clear();
      for (const auto& e : *arr) {
        if (e.as_string()) s.times.push_back(e.as_string()->get());
        else s.times.push_back(exact_string(scalar_value(c, e, key)));
      }
    } else if (key == "log_time") {
      if (!v.as_boolean()) throw InputError(c.at(v, key), "log_time is true or false");
      s.log_time = v.as_boolean()->get();
    } else if (key == "quantity" || key == "rate") {
      (key == "quantity" ? s.quantity : s.rate) = get_string(c, v, key);
    } else if (key == "iterate_state" || key == "map") {
      const toml::table* mt = v.as_table();
      if (!mt) throw InputError(c.at(v, key), key + " must be a table: variable = formula");
      auto& target = key == "map" ? s.map : s.iterate_state;
      target.clear();
      for (auto&& [mk, mv] : *mt) target[std::string(mk.str())] = FormulaText{get_string(c, mv, key), c.at(mv, key + "." + std::string(mk.str()))};
    } else if (key == "steps" || key == "checkpoints") {
      auto i = v.as_integer();
      if (!i || i->get() < 1 || i->get() > 100000000) throw InputError(c.at(v, key), key + " must be an integer in 1..1e8");
      (key == "steps" ? s.steps : s.checkpoints) = i->get();
    } else if (key == "polynomial" || key == "variable") {
      (key == "polynomial" ? s.polynomial : s.variable) = get_string(c, v, key);
    } else if (key == "judge") {
      std::string j = get_string(c, v, key);
      if (j != "max" && j != "last") throw InputError(c.at(v, key), "judge must be \"max\" (the largest quantity) or \"last\" (at the last step)");
      s.judge_last = j == "last";
    } else if (key == "step_time") {
      s.step_time = get_string(c, v, key);
    } else if (key == "unknowns") {
      const toml::table* ut = v.as_table();
      if (!ut || ut->size() != 1) throw InputError(c.at(v, key), "unknowns = { name = \"starting point\" } (one vector unknown)");
      s.unknowns.clear();
      for (auto&& [uk, uv] : *ut) s.unknowns[std::string(uk.str())] = FormulaText{get_string(c, uv, key), c.at(uv, key)};
    } else if (key == "equations") {
      s.equations = get_string(c, v, key);
    } else if (key == "tends_to" || key == "slope") {
      (key == "tends_to" ? s.tends_to : s.slope) = v.as_string() ? v.as_string()->get() : exact_string(scalar_value(c, v, key));
    } else if (key == "tolerance") {
      s.tolerance = scalar_value(c, v, key).convert_to<double>();
      if (!(s.tolerance > 0)) throw InputError(c.at(v, key), "tolerance must be positive");
    } else if (key == "find") {
      s.find = get_string(c, v, key);
      if (s.find != "min" && s.find != "max") throw InputError(c.at(v, key), "find is min or max");
    } else if (key == "window") {
      const toml::array* arr = v.as_array();
      if (!arr || arr->size() != 2) throw InputError(c.at(v, key), "window = [from, to]");
      s.window.clear();
      for (const auto& e : *arr) s.window.push_back(e.as_string() ? e.as_string()->get() : exact_string(scalar_value(c, e, key)));
    } else if (key == "plot") {
      const toml::table* pt = v.as_table();
      if (!pt) throw InputError(c.at(v, key), "plot = { name, title, y_label, log_x, series = { label = formula } }");
      check_keys(c, *pt, {"name", "title", "y_label", "x_label", "log_x", "log_y", "x", "by", "series"}, "plot");
      s.plot = CheckSpec::Plot{};
      if (auto n = (*pt)["name"].as_string()) s.plot.name = n->get();
      if (auto n = (*pt)["title"].as_string()) s.plot.title = n->get();
      if (auto n = (*pt)["y_label"].as_string()) s.plot.y_label = n->get();
      if (auto n = (*pt)["x_label"].as_string()) s.plot.x_label = n->get();
      if (auto b = (*pt)["log_x"].as_boolean()) s.plot.log_x = b->get();
      if (auto b = (*pt)["log_y"].as_boolean()) s.plot.log_y = b->get();
      if (auto n = (*pt)["x"].as_string()) s.plot.x = n->get();
      if (auto n = (*pt)["by"].as_string()) s.plot.by = n->get();
      const toml::table* series = (*pt)["series"].as_table();
      if (s.plot.name.empty() || !series) throw InputError(c.at(v, key), "a plot needs a name and series");
      for (auto&& [sk, sv] : *series) s.plot.series.emplace_back(std::string(sk.str()), get_string(c, sv, "plot.series"));
    } else if (key == "rigorous") {
      if (!v.as_boolean()) throw InputError(c.at(v, key), "rigorous is true or false");
      s.rigorous = v.as_boolean()->get();
    } else if (key == "lohner") {
      if (!v.as_boolean()) throw InputError(c.at(v, key), "lohner is true or false (absent: automatic)");
      s.lohner = v.as_boolean()->get() ? 1 : 0;
    } else if (key == "bits") {
      auto i = v.as_integer();
      if (!i || i->get() < 64 || i->get() > 20000) throw InputError(c.at(v, key), "bits must be an integer in 64..20000");
      s.bits = static_cast<unsigned>(i->get());
    } else if (key == "method") {
      s.method = get_string(c, v, key);
      if (s.method != "taylor" && s.method != "extrapolation" && s.method != "both")
        throw InputError(c.at(v, key), "method is taylor, extrapolation or both");
    } else if (key == "domain_error") {
      std::string m = get_string(c, v, key);
      if (m != "refutes" && m != "error") throw InputError(c.at(v, key), "domain_error is \"refutes\" or \"error\"");
      s.domain_error_refutes = m == "refutes";
    }
  }
}

void validate_check(const CheckSpec& s) {
  if (s.kind.empty()) throw InputError(s.where, "the check has no kind");
  for (const auto& [var, f] : s.state)
    if (!s.field.count(var)) throw InputError(f.where, "state variable '" + var + "' has no field (d/dt formula)");
  for (const auto& [var, f] : s.field)
    if (!s.state.count(var)) throw InputError(f.where, "field of '" + var + "' has no initial value in state");
  if (!s.field.empty() && s.times.empty() && s.kind != "iterate") throw InputError(s.where, "a flow check needs times = [...]");
  if (s.kind == "iterate" && (s.map.empty() || s.iterate_state.size() != s.map.size() || s.steps < 1 || s.step_time.empty() ||
                              s.quantity.empty() || s.field.empty()))
    throw InputError(s.where, "an iterate check needs iterate_state, map, steps, step_time, quantity and a flow (state, field)");
  if (s.kind == "polyroot" && (s.polynomial.empty() || s.variable.empty() || s.window.size() != 2))
    throw InputError(s.where, "a polyroot check needs polynomial, variable and window = [lo, hi] (formulas, or \"-inf\" / \"inf\")");
  if (s.kind == "root" && (s.unknowns.empty() || s.equations.empty()))
    throw InputError(s.where, "a root check needs unknowns = { v = start } and equations");
  if (s.kind == "rate" && (s.quantity.empty() || s.tends_to.empty() == s.slope.empty() || !(s.tolerance > 0)))
    throw InputError(s.where, "a rate check needs quantity, one of tends_to or slope, and tolerance");
  if (s.kind == "extremum" && (s.quantity.empty() || s.rate.empty() || s.window.size() != 2))
    throw InputError(s.where, "an extremum check needs quantity, rate (its time derivative), find and window");
  const bool mc_forms = s.formulas.count("predict") || s.formulas.count("lower") || s.formulas.count("upper");
  if (s.kind == "montecarlo") {
    if (s.mc.estimator.empty()) throw InputError(s.where, "a montecarlo check needs montecarlo = { estimator, chains, depth, ... }");
    if (!mc_forms) throw InputError(s.where, "a montecarlo check needs `predict` (a value per entry) or `lower` / `upper` (bounds)");
    if (s.formulas.count("holds") || s.formulas.count("lhs") || s.formulas.count("rhs") || s.formulas.count("conserved"))
      throw InputError(s.where, "a montecarlo check states its prediction in predict / lower / upper, not holds / lhs / rhs");
    return;
  }
  if (mc_forms || s.formulas.count("indices")) throw InputError(s.where, "predict / lower / upper / indices belong to montecarlo checks");
  int forms = (s.formulas.count("holds") ? 1 : 0) + (s.formulas.count("conserved") ? 1 : 0) +
              ((s.formulas.count("lhs") || s.formulas.count("rhs")) ? 1 : 0);
  if (s.kind == "rate" && forms == 0) return;  // a rate check states its claim in quantity / tends_to / slope
  if (forms != 1 || ((s.formulas.count("lhs") || s.formulas.count("rhs")) && !(s.formulas.count("lhs") && s.formulas.count("rhs"))))
    throw InputError(s.where, "a check gives exactly one of `holds` (a relation), both `lhs` and `rhs`, or `conserved`");
}

Claim read_claim(const Ctx& base, const toml::table& t, const ClaimsFile& file, const DefTable& paper_defs) {
  Ctx c = base;
  auto idn = t["id"];
  if (!idn || !idn.as_string()) throw InputError(SourceRef{c.file, static_cast<long>(t.source().begin.line), "", "claim"}, "a claim needs an id");
  Claim cl;
  cl.id = idn.as_string()->get();
  c.claim = cl.id;
  cl.paper = file.paper;
  cl.src = c.at(t, "");
  cl.defs = paper_defs;
  std::set<std::string> claim_keys = kClaimOnlyKeys;
  std::set<std::string> allowed = claim_keys;
  allowed.insert(kCheckKeys.begin(), kCheckKeys.end());
  check_keys(c, t, allowed, "claim " + cl.id);
  if (auto w = t["where"]) cl.where = get_string(c, *w.node(), "where");
  if (auto s = t["statement"]) cl.statement = get_string(c, *s.node(), "statement");
  if (auto n = t["notes"]) cl.notes = get_string(c, *n.node(), "notes");
  if (auto f = t["full"]) {
    if (!f.as_boolean()) throw InputError(c.at(*f.node(), "full"), "full must be true or false");
    cl.full_only = f.as_boolean()->get();
  }
  auto ex = t["expect"];
  if (!ex) throw InputError(cl.src, "the claim has no expected verdict (expect = \"certified\" | \"verified\" | ...)");
  auto v = parse_verdict(get_string(c, *ex.node(), "expect"));
  if (!v) throw InputError(c.at(*ex.node(), "expect"), "unknown verdict '" + ex.as_string()->get() + "'");
  cl.expect = *v;
  if (auto d = t["defs"]) {
    if (!d.as_table()) throw InputError(c.at(*d.node(), "defs"), "defs must be a table");
    read_defs(c, *d.as_table(), cl.defs, "defs");
  }
  if (auto checks = t["check"]) {
    const toml::array* arr = checks.as_array();
    if (!arr || arr->empty()) throw InputError(c.at(*checks.node(), "check"), "check must be an array of tables [[claim.check]]");
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const toml::table* ct = (*arr)[i].as_table();
      if (!ct) throw InputError(c.at((*arr)[i], "check"), "each check is a table");
      check_keys(c, *ct, kCheckKeys, "a check of claim " + cl.id);
      CheckSpec s;
      s.where = c.at(*ct, "check " + std::to_string(i + 1));
      read_check_fields(c, t, s);
      read_check_fields(c, *ct, s);
      if (auto d = (*ct)["defs"]) {
        if (!d.as_table()) throw InputError(c.at(*d.node(), "defs"), "defs must be a table");
        read_defs(c, *d.as_table(), s.defs, "defs");
      }
      if (s.name.empty() || !ct->contains("name")) s.name = ct->contains("name") ? s.name : "check " + std::to_string(i + 1);
      for (auto& [name, f] : s.formulas) f.where.field = s.name + ": " + name;
      validate_check(s);
      cl.checks.push_back(std::move(s));
    }
  } else {
    CheckSpec s;
    s.where = cl.src;
    read_check_fields(c, t, s);
    if (s.name.empty()) s.name = s.kind;
    validate_check(s);
    cl.checks.push_back(std::move(s));
  }
  return cl;
}

}  // namespace

DefTable effective_defs(const Claim& claim, const CheckSpec& spec) {
  DefTable d = claim.defs;
  for (const auto& [name, def] : spec.defs) d[name] = def;
  return d;
}

ClaimsFile load_claims_file(const std::string& path) {
  Ctx c{path, ""};
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    SourceRef w{path, static_cast<long>(e.source().begin.line), "", ""};
    throw InputError(w, "malformed TOML: " + std::string(e.description()));
  }
  check_keys(c, root, {"paper", "defs", "claim"}, "the claims file");
  ClaimsFile f;
  f.path = path;
  if (auto p = root["paper"].as_table()) {
    check_keys(c, *p, {"id", "title", "seed"}, "[paper]");
    if (auto id = (*p)["id"].as_string()) f.paper = id->get();
    if (auto t = (*p)["title"].as_string()) f.title = t->get();
    if (auto s = (*p)["seed"].as_string()) f.seed = s->get();
  }
  if (f.paper.empty()) throw InputError(SourceRef{path, 1, "", "[paper]"}, "the file needs [paper] id = \"...\"");
  DefTable paper_defs;
  if (auto d = root["defs"]) {
    if (!d.as_table()) throw InputError(c.at(*d.node(), "defs"), "defs must be a table");
    read_defs(c, *d.as_table(), paper_defs, "defs");
  }
  f.defs = paper_defs;
  auto claims = root["claim"].as_array();
  if (!claims) throw InputError(SourceRef{path, 1, "", ""}, "no [[claim]] entries");
  std::set<std::string> ids;
  for (const auto& n : *claims) {
    const toml::table* t = n.as_table();
    if (!t) throw InputError(c.at(n, "claim"), "each [[claim]] is a table");
    Claim cl = read_claim(c, *t, f, paper_defs);
    if (!ids.insert(cl.id).second) throw InputError(cl.src, "duplicate claim id '" + cl.id + "'");
    f.claims.push_back(std::move(cl));
  }
  return f;
}

}  // namespace flowcert
