#include "checks/point_figure.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "checks/relation.hpp"
#include "flowcert/report/atomic_file.hpp"
#include "flowcert/report/svg_plot.hpp"

namespace flowcert {

extern template class Evaluator<mp>;

PointFigure::PointFigure(const Claim& claim, const CheckSpec& spec, const std::vector<std::string>& extra_inputs) : spec_(spec) {
  if (spec.plot.name.empty()) return;
  if (spec.plot.x.empty()) throw InputError(spec.where, "a plot over the points of a check needs x = formula (e.g. x = \"aL\")");
  std::vector<std::string> inputs = input_names(spec);
  for (const auto& n : extra_inputs)
    if (std::find(inputs.begin(), inputs.end(), n) == inputs.end()) inputs.push_back(n);
  Compiler comp(effective_defs(claim, spec), inputs);
  SourceRef w = spec.where;
  w.field = "plot.x";
  comp.add("x", spec.plot.x, w);
  w.field = "plot.by";
  comp.add("by", spec.plot.by.empty() ? "0" : spec.plot.by, w);
  for (const auto& [label, f] : spec.plot.series) {
    w.field = "plot.series." + label;
    comp.add("series:" + label, f, w);
  }
  prog_ = comp.take();
}

void PointFigure::add(const Point& p, const std::vector<std::pair<std::string, Mat<Q>>>& extra) {
  Point at = p;
  for (const auto& e : extra) at.values.push_back(e);
  Evaluator<mp> ev(prog_);
  load_point(ev, at, spec_.where);
  const double by = ev.root("by").as_scalar("the plot's by").convert_to<double>();
  // x may be a vector (e.g. the entries i of a Monte-Carlo check): one row per element, each series either a
  // scalar (drawn flat) or a vector of the same length.
  const Mat<mp> x = ev.root("x");
  std::vector<Mat<mp>> ys;
  for (const auto& [label, f] : spec_.plot.series) {
    ys.push_back(ev.root("series:" + label));
    if (ys.back().size() != 1 && ys.back().size() != x.size())
      throw InputError(spec_.where, "plot series '" + label + "' is a " + ys.back().shape() + " matrix at " + p.label +
                                        " but x is a " + x.shape() + " one: a series must be a scalar or match x");
  }
  if (!x.scalar && x.rows != 1 && x.cols != 1) throw InputError(spec_.where, "the plot's x must be a scalar or a vector, got a " + x.shape() + " matrix");
  for (std::size_t e = 0; e < x.size(); ++e) {
    Row r;
    r.x = x.v[e].convert_to<double>();
    r.by = by;
    for (const Mat<mp>& y : ys) r.y.push_back(y.v[y.size() == 1 ? 0 : e].convert_to<double>());
    rows_.push_back(std::move(r));
  }
}

std::vector<std::string> PointFigure::write(const RunOptions& opts) const {
  if (!active(opts) || rows_.empty()) return {};
  std::vector<double> xs, groups;
  for (const Row& r : rows_) {
    if (std::find(xs.begin(), xs.end(), r.x) == xs.end()) xs.push_back(r.x);
    if (std::find(groups.begin(), groups.end(), r.by) == groups.end()) groups.push_back(r.by);
  }
  std::sort(xs.begin(), xs.end());
  PlotData d;
  d.title = spec_.plot.title.empty() ? spec_.plot.name : spec_.plot.title;
  d.x_label = spec_.plot.x_label.empty() ? spec_.plot.x : spec_.plot.x_label;
  d.y_label = spec_.plot.y_label;
  d.log_x = spec_.plot.log_x;
  d.log_y = spec_.plot.log_y;
  d.x = xs;
  for (std::size_t j = 0; j < spec_.plot.series.size(); ++j)
    for (std::size_t g = 0; g < groups.size(); ++g) {
      PlotSeries s;
      char b[64];
      std::snprintf(b, sizeof b, "%.6g", groups[g]);
      s.label = spec_.plot.series[j].first + (spec_.plot.by.empty() ? "" : ", " + spec_.plot.by + " = " + b);
      s.color = static_cast<int>(spec_.plot.by.empty() ? j : g);
      s.dash = spec_.plot.by.empty() ? 0 : static_cast<int>(j);  // per colour: the first series solid, the others each their own dash
      s.y.assign(xs.size(), NAN);
      for (const Row& r : rows_)
        if (r.by == groups[g]) s.y[static_cast<std::size_t>(std::find(xs.begin(), xs.end(), r.x) - xs.begin())] = r.y[j];
      d.series.push_back(std::move(s));
    }
  std::string base = opts.figures_dir + "/" + spec_.plot.name;
  write_file_atomically(base + ".csv", plot_csv(d));
  write_file_atomically(base + ".svg", svg_line_plot(d));
  return {base + ".csv", base + ".svg"};
}

}  // namespace flowcert
