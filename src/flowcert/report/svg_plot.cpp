#include "flowcert/report/svg_plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace flowcert {

namespace {

std::string esc(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '<') o += "&lt;";
    else if (c == '>') o += "&gt;";
    else if (c == '&') o += "&amp;";
    else o += c;
  }
  return o;
}

std::string num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.2f", v);
  return b;
}

std::string tick_label(double v) {
  char b[32];
  if (v != 0 && (std::abs(v) >= 1e5 || std::abs(v) < 1e-3)) std::snprintf(b, sizeof b, "%.0e", v);
  else std::snprintf(b, sizeof b, "%.4g", v);
  return b;
}

// Round numbers between lo and hi for ticks (about `n` of them).
std::vector<double> nice_ticks(double lo, double hi, int n) {
  std::vector<double> t;
  if (!(hi > lo)) return {lo};
  double step = std::pow(10.0, std::floor(std::log10((hi - lo) / n)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if ((hi - lo) / (step * m) <= n) {
      step *= m;
      break;
    }
  for (double v = std::ceil(lo / step) * step; v <= hi + 1e-12 * step; v += step) t.push_back(std::abs(v) < 1e-14 * step ? 0 : v);
  return t;
}

// Ticks of an axis in plot coordinates: whole decades (at most about `decades` of them) on a log axis,
// round numbers (about `linear` of them) otherwise; and their labels.
std::vector<double> axis_ticks(double lo, double hi, bool log, int decades, int linear) {
  if (!log || hi - lo < 1.5) return nice_ticks(lo, hi, linear);  // a log axis within a decade: round steps of log10
  std::vector<double> t;
  double step = std::max(1.0, std::ceil((hi - lo) / decades));
  for (double e = std::ceil(lo); e <= hi; e += step) t.push_back(e);
  return t;
}

std::string axis_label(double t, bool log) {
  if (!log) return tick_label(t);
  if (t == std::round(t)) return "1e" + std::to_string(static_cast<long>(t));
  return tick_label(std::pow(10.0, t));
}

const char* kColors[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

}  // namespace

std::string svg_line_plot(const PlotData& d) {
  // The legend column grows with its longest label (about 7 px per character at font-size 12).
  std::size_t longest = 0;
  for (const auto& s : d.series) longest = std::max(longest, s.label.size());
  const double R = std::max(180.0, 50.0 + 7.0 * static_cast<double>(longest)), W = 540 + R, H = 440, L = 80, T = 40, B = 60;
  auto fx = [&](double x) { return d.log_x ? std::log10(x) : x; };
  auto fy = [&](double y) { return d.log_y ? std::log10(y) : y; };
  double x0 = std::numeric_limits<double>::infinity(), x1 = -x0, y0 = x0, y1 = -x0;
  for (double x : d.x)
    if (std::isfinite(fx(x))) {
      x0 = std::min(x0, fx(x));
      x1 = std::max(x1, fx(x));
    }
  for (const auto& s : d.series)
    for (double y : s.y)
      if (std::isfinite(fy(y))) {
        y0 = std::min(y0, fy(y));
        y1 = std::max(y1, fy(y));
      }
  if (!(x1 > x0)) x1 = x0 + 1;
  if (!(y1 > y0)) {
    y0 -= 0.5;
    y1 += 0.5;
  }
  double pad = (y1 - y0) * (d.log_y ? 0.03 : 0.05);
  y0 -= pad;
  y1 += pad;
  auto px = [&](double x) { return L + (fx(x) - x0) / (x1 - x0) * (W - L - R); };
  auto pxl = [&](double lx) { return L + (lx - x0) / (x1 - x0) * (W - L - R); };
  auto pyl = [&](double ly) { return H - B - (ly - y0) / (y1 - y0) * (H - T - B); };
  auto py = [&](double y) { return pyl(fy(y)); };
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(W) + "\" height=\"" + num(H) +
                  "\" viewBox=\"0 0 " + num(W) + " " + num(H) + "\" font-family=\"sans-serif\" font-size=\"12\">\n";
  s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  s += "<text x=\"" + num(L) + "\" y=\"24\" font-size=\"15\">" + esc(d.title) + "</text>\n";
  s += "<rect x=\"" + num(L) + "\" y=\"" + num(T) + "\" width=\"" + num(W - L - R) + "\" height=\"" + num(H - T - B) +
       "\" fill=\"none\" stroke=\"#444\"/>\n";
  // x ticks: decades on a log axis.
  for (double t : axis_ticks(x0, x1, d.log_x, 10, 8)) {
    double X = pxl(t);
    s += "<line x1=\"" + num(X) + "\" y1=\"" + num(H - B) + "\" x2=\"" + num(X) + "\" y2=\"" + num(H - B + 5) + "\" stroke=\"#444\"/>\n";
    std::string lab = axis_label(t, d.log_x);
    s += "<text x=\"" + num(X) + "\" y=\"" + num(H - B + 18) + "\" text-anchor=\"middle\">" + lab + "</text>\n";
  }
  for (double t : axis_ticks(y0, y1, d.log_y, 8, 6)) {
    double Y = pyl(t);
    s += "<line x1=\"" + num(L - 5) + "\" y1=\"" + num(Y) + "\" x2=\"" + num(L) + "\" y2=\"" + num(Y) + "\" stroke=\"#444\"/>\n";
    std::string lab = axis_label(t, d.log_y);
    s += "<text x=\"" + num(L - 8) + "\" y=\"" + num(Y + 4) + "\" text-anchor=\"end\">" + lab + "</text>\n";
  }
  s += "<text x=\"" + num((L + W - R) / 2) + "\" y=\"" + num(H - 15) + "\" text-anchor=\"middle\">" + esc(d.x_label) + "</text>\n";
  s += "<text transform=\"translate(18," + num((T + H - B) / 2) + ") rotate(-90)\" text-anchor=\"middle\">" + esc(d.y_label) + "</text>\n";
  for (std::size_t k = 0; k < d.series.size(); ++k) {
    const int ci = d.series[k].color >= 0 ? d.series[k].color : static_cast<int>(k);
    const char* col = kColors[ci % 10];
    static const char* kDashes[] = {"6,4", "2,3", "8,3,2,3", "12,4", "8,3,2,3,2,3"};
    const int di = d.series[k].dash;
    const std::string dash = di > 0 ? std::string("\" stroke-dasharray=\"") + kDashes[(di - 1) % 5] : "";
    std::string pts;
    for (std::size_t i = 0; i < d.x.size() && i < d.series[k].y.size(); ++i)
      if (std::isfinite(fx(d.x[i])) && std::isfinite(fy(d.series[k].y[i]))) pts += num(px(d.x[i])) + "," + num(py(d.series[k].y[i])) + " ";
    s += "<polyline fill=\"none\" stroke=\"" + std::string(col) + dash + "\" stroke-width=\"1.6\" points=\"" + pts + "\"/>\n";
    double ly = T + 14 + 18.0 * static_cast<double>(k);
    s += "<line x1=\"" + num(W - R + 12) + "\" y1=\"" + num(ly - 4) + "\" x2=\"" + num(W - R + 36) + "\" y2=\"" + num(ly - 4) +
         "\" stroke=\"" + col + dash + "\" stroke-width=\"2\"/>\n";
    s += "<text x=\"" + num(W - R + 42) + "\" y=\"" + num(ly) + "\">" + esc(d.series[k].label) + "</text>\n";
  }
  return s + "</svg>\n";
}

std::string plot_csv(const PlotData& d) {
  std::string out = "\"" + d.x_label + "\"";
  for (const auto& s : d.series) out += ",\"" + s.label + "\"";
  out += "\n";
  char b[40];
  for (std::size_t i = 0; i < d.x.size(); ++i) {
    std::snprintf(b, sizeof b, "%.17g", d.x[i]);
    out += b;
    for (const auto& s : d.series) {
      std::snprintf(b, sizeof b, ",%.17g", i < s.y.size() ? s.y[i] : NAN);
      out += b;
    }
    out += "\n";
  }
  return out;
}

}  // namespace flowcert
