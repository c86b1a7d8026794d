#include "flowcert/random/normal.hpp"

#include <cmath>

namespace flowcert {
namespace {

constexpr int kLayers = 256;

struct Ziggurat {
  double x[kLayers + 1];  // x[0] = v / f(r) (the base strip's width), x[1] = r, ..., x[256] = 0
  double f[kLayers + 1];  // f(x[i]) = exp(-x[i]^2 / 2)
  double r;

  // Builds the layers for a tail start r; returns f(x[255]) + v / x[255] - 1, which is 0 for the right r.
  double build(double rr) {
    r = rr;
    const long double fr = std::exp(-0.5L * rr * rr);
    const long double v = rr * fr + std::sqrt(std::acos(-1.0L) / 2) * std::erfc(rr / std::sqrt(2.0L));
    long double xi = rr, fi = fr;
    x[0] = static_cast<double>(v / fr);
    f[0] = static_cast<double>(fr);
    x[1] = rr;
    f[1] = static_cast<double>(fr);
    for (int i = 1; i < kLayers - 1; ++i) {
      long double fn = fi + v / xi;
      if (fn >= 1) return 1;  // closed too early: r too small
      xi = std::sqrt(-2 * std::log(fn));
      fi = fn;
      x[i + 1] = static_cast<double>(xi);
      f[i + 1] = static_cast<double>(fi);
    }
    x[kLayers] = 0;
    f[kLayers] = 1;
    return static_cast<double>(fi + v / xi - 1);
  }

  Ziggurat() {
    double lo = 3.0, hi = 4.0;  // the residual is positive for small r, negative for large r
    for (int it = 0; it < 200; ++it) {
      double mid = 0.5 * (lo + hi);
      if (build(mid) > 0) lo = mid; else hi = mid;
    }
    build(hi);
  }
};

const Ziggurat& table() {
  static const Ziggurat z;
  return z;
}

detail::ZigguratLayers make_layers() {
  const Ziggurat& z = table();
  detail::ZigguratLayers l;
  for (int i = 0; i <= kLayers; ++i) l.x[i] = z.x[i], l.f[i] = z.f[i];
  l.r = z.r;
  return l;
}
const detail::ZigguratLayers layers = make_layers();

}  // namespace

const detail::ZigguratLayers& detail::ziggurat = layers;

double detail::normal_slow(CounterStream& s, std::uint64_t u) {
  const Ziggurat& z = table();
  for (bool first = true;; first = false) {
    if (!first) u = s.next();
    const int i = static_cast<int>(u & 0xff);
    const bool negative = (u >> 8) & 1;
    const double w = static_cast<double>(u >> 11) * 0x1.0p-53;  // [0, 1)
    const double x = w * z.x[i];
    if (x < z.x[i + 1]) return negative ? -x : x;  // inside the rectangle under the curve
    if (i == 0) {
      // Tail beyond r (Marsaglia 1964): r + a with a ~ Exp(r) accepted with probability exp(-a^2/2).
      double a, b;
      do {
        a = -std::log(1.0 - uniform01(s)) / z.r;
        b = -std::log(1.0 - uniform01(s));
      } while (2 * b < a * a);
      return negative ? -(z.r + a) : z.r + a;
    }
    // Wedge between f(x[i]) and f(x[i+1]).
    const double y = z.f[i] + uniform01(s) * (z.f[i + 1] - z.f[i]);
    if (y < std::exp(-0.5 * x * x)) return negative ? -x : x;
  }
}

}  // namespace flowcert
