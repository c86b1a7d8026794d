// A figure over a check's points (rather than over a flow's times): at each point the plot's `x`, its
// `by` (the line a point belongs to, e.g. the depth L) and every series formula are evaluated, with extra
// inputs such as a root; lines are drawn per (series, by-value), the first series solid and the others
// dashed (each its own pattern), one colour per by-value (the convention of Fig. 2 of paper 001: sigma_1
// solid, sigma_i dashed).
// When x is a vector at a point (the entries of a Monte-Carlo check, say), the point gives one row per entry.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "checks/check_kind.hpp"

namespace flowcert {

class PointFigure {
 public:
  PointFigure(const Claim& claim, const CheckSpec& spec, const std::vector<std::string>& extra_inputs);
  bool active(const RunOptions& opts) const { return has_plot() && !opts.figures_dir.empty(); }
  // Whether the check has a plot at all: its rows can be evaluated (and shape errors caught) without --figures.
  bool has_plot() const { return !spec_.plot.name.empty(); }
  // Evaluates the plot's formulas at the point with the extra inputs (MPFR).
  void add(const Point& p, const std::vector<std::pair<std::string, Mat<Q>>>& extra);
  // Writes <name>.csv and <name>.svg atomically; returns their paths.
  std::vector<std::string> write(const RunOptions& opts) const;

 private:
  const CheckSpec& spec_;
  Program prog_;
  struct Row {
    double x, by;
    std::vector<double> y;
  };
  std::vector<Row> rows_;
};

}  // namespace flowcert
