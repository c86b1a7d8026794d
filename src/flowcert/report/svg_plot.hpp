// A small SVG line-plot writer for reproduced figures: several series against one x, optional log10 x-axis,
// optional log10 y-axis, decade or linear ticks, solid or dashed lines, a legend
// as wide as its longest label. Self-contained SVG (no fonts or scripts to fetch), embeddable in HTML.
// Chosen over gnuplot so that figures need no extra package and are byte-for-byte reproducible.
#pragma once
#include <string>
#include <vector>

namespace flowcert {

struct PlotSeries {
  std::string label;
  std::vector<double> y;  // NaN: no value at that x (the line skips it)
  int color = -1;         // index into the palette; -1: the series' own index
  int dash = 0;           // 0: solid; 1, 2, 3, ...: dashed, dotted, dash-dot, long dash, dash-dot-dot (cycling), to tell apart lines of one colour
};

struct PlotData {
  std::string title, x_label, y_label;
  bool log_x = false, log_y = false;
  std::vector<double> x;
  std::vector<PlotSeries> series;
};

std::string svg_line_plot(const PlotData& data);

// CSV with a header row: x then one column per series (17 significant digits).
std::string plot_csv(const PlotData& data);

}  // namespace flowcert
