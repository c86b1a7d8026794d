#include "flowcert/claims/instances.hpp"

#include <cmath>
#include <cstdio>

#include "flowcert/num/decimal.hpp"
#include "flowcert/num/ops.hpp"
#include "flowcert/random/stream.hpp"
#include "flowcert/sym/evaluator.hpp"

namespace flowcert {

std::vector<std::string> input_names(const CheckSpec& s) {
  std::vector<std::string> names;
  auto add = [&](const std::string& n) {
    for (const auto& x : names)
      if (x == n) return;
    names.push_back(n);
  };
  for (const auto& [n, v] : s.params) add(n);
  for (const auto& ax : s.grid) add(ax.name);
  for (const auto& r : s.random) add(r.name);
  for (const auto& [n, v] : s.symbolic) add(n);
  // A flow's relations see its state variables and the time t.
  for (const auto& [n, v] : s.field) add(n);
  if (!s.field.empty()) add("t");
  for (const auto& [n, v] : s.unknowns) add(n);
  if (!s.variable.empty()) add(s.variable);
  for (const auto& [n, v] : s.map) add(n);
  if (!s.map.empty()) {
    add("k");
    add("kstar");
  }
  if (s.kind == "extremum" || s.kind == "iterate") {  // the located extremum / largest deviation, for `holds`
    add("value");
    add("tstar");
  }
  return names;
}

Mat<Q> eval_exact(const std::string& text, const std::vector<std::pair<std::string, Mat<Q>>>& env,
                  const DefTable& defs, const SourceRef& where) {
  std::vector<std::string> names;
  for (const auto& [n, v] : env) names.push_back(n);
  Compiler comp(defs, names);
  comp.add("value", text, where);
  Program prog = comp.take();
  Evaluator<Q> ev(prog);
  for (std::size_t i = 0; i < env.size(); ++i) ev.set(static_cast<int>(i), env[i].second);
  try {
    return ev.root("value");
  } catch (const std::exception& e) {
    throw InputError(where, "cannot evaluate `" + text + "` exactly: " + e.what());
  }
}

std::string describe_value(const Mat<Q>& v, std::size_t max_entries) {
  if (v.scalar) return to_display(v.v[0], 10);
  std::string s = "[";
  for (std::size_t i = 0; i < v.v.size() && i < max_entries; ++i) s += (i ? ", " : "") + to_display(v.v[i], 6);
  if (v.v.size() > max_entries) s += ", ...";
  return s + "]";
}

namespace {

// Draws one random value as an exact decimal (12 random digits), reproducibly from (stream, counter).
Q draw(const RandomSpec& r, const Q& scale, CounterStream& rng) {
  const std::uint64_t kDen = 1000000000000ULL;
  Q u(static_cast<long long>(rng.uniform_int(kDen + 1)), static_cast<long long>(kDen));
  if (r.dist == "uniform") return scale * (r.lo + (r.hi - r.lo) * u);
  double e = (r.lo + (r.hi - r.lo) * u).convert_to<double>();
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15e", std::pow(10.0, e));
  return scale * parse_exact_decimal(buf);
}

void expand_grid(const DefTable& defs, const CheckSpec& s, std::size_t axis,
                 std::vector<std::pair<std::string, Mat<Q>>>& env, std::string label, std::vector<Point>& out) {
  if (axis == s.grid.size()) {
    out.push_back(Point{env, label});
    return;
  }
  const GridAxis& ax = s.grid[axis];
  std::vector<Mat<Q>> values = ax.values;
  if (values.empty()) {
    long lo = Ops<Q>::to_long(eval_exact(ax.range_lo, env, defs, ax.where).as_scalar("range"));
    long hi = Ops<Q>::to_long(eval_exact(ax.range_hi, env, defs, ax.where).as_scalar("range"));
    if (hi - lo > 100000) throw InputError(ax.where, "grid range longer than 100000");
    for (long k = lo; k <= hi; ++k) values.push_back(Mat<Q>::of_scalar(Q(k)));
  }
  for (const auto& v : values) {
    env.emplace_back(ax.name, v);
    expand_grid(defs, s, axis + 1, env, label + (label.empty() ? "" : " ") + ax.name + "=" + describe_value(v, 4), out);
    env.pop_back();
  }
}

}  // namespace

std::vector<Point> make_points(const Claim& claim, const CheckSpec& s) {
  std::vector<std::pair<std::string, Mat<Q>>> env;
  for (const auto& [n, v] : s.params) env.emplace_back(n, v.value);
  std::vector<Point> grid_points;
  const DefTable defs = effective_defs(claim, s);
  expand_grid(defs, s, 0, env, "", grid_points);
  for (auto& p : grid_points)
    if (p.label.empty()) p.label = "the given point";
  if (s.random.empty()) return grid_points;
  std::vector<Point> out;
  std::size_t n_scales = 1;
  for (const auto& r : s.random) n_scales = std::max(n_scales, r.scales.size());
  for (std::size_t g = 0; g < grid_points.size(); ++g) {
    for (std::size_t sc = 0; sc < n_scales; ++sc)
      for (long k = 0; k < s.samples; ++k) {
        Point p = grid_points[g];
        if (p.label == "the given point") p.label.clear();
        std::string tag;
        for (const auto& r : s.random) {
          const Q& scale = r.scales[std::min(sc, r.scales.size() - 1)];
          // One stream per (claim, check, variable, grid point, scale, draw): reproducible in any order.
          std::string key = claim.id + "/" + s.name + "/" + r.name;
          CounterStream rng(s.seed, name_hash(key.c_str()) ^ mix64(g * 1000003ULL + sc * 1009ULL + static_cast<std::uint64_t>(k)));
          Mat<Q> v;
          if (r.size.empty()) {
            v = Mat<Q>::of_scalar(draw(r, scale, rng));
          } else {
            long n = Ops<Q>::to_long(eval_exact(r.size, p.values, defs, r.where).as_scalar("size"));
            if (n < 0 || n > 100000) throw InputError(r.where, "random size out of range");
            v = Mat<Q>::sized(static_cast<std::size_t>(n), 1);
            for (auto& x : v.v) x = draw(r, scale, rng);
          }
          p.values.emplace_back(r.name, std::move(v));
          if (r.scales.size() > 1) tag = " (scale " + to_display(scale, 6) + ")";
        }
        p.label += (p.label.empty() ? "" : " ") + std::string("sample ") + std::to_string(k + 1) + tag;
        out.push_back(std::move(p));
      }
  }
  return out;
}

}  // namespace flowcert
