#include "flowcert/random/multiple_tests.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace flowcert {

void compute_z(ZTest& t) {
  if (!(t.se > 0)) throw std::invalid_argument("standard error is not positive for " + t.label);
  t.z = (t.estimate - t.target) / t.se;
  switch (t.side) {
    case Side::Equal: t.p = std::erfc(std::abs(t.z) / std::sqrt(2.0)); break;
    case Side::AtLeast: t.p = 0.5 * std::erfc(-t.z / std::sqrt(2.0)); break;  // small when z << 0
    case Side::AtMost: t.p = 0.5 * std::erfc(t.z / std::sqrt(2.0)); break;    // small when z >> 0
  }
}

long apply_correction(std::vector<ZTest>& tests, double alpha, const std::string& correction) {
  const std::size_t m = tests.size();
  long rejected = 0;
  if (correction == "bonferroni") {
    for (auto& t : tests)
      if ((t.rejected = t.p <= alpha / static_cast<double>(m))) ++rejected;
    return rejected;
  }
  if (correction != "holm") throw std::invalid_argument("unknown correction " + correction);
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), std::size_t(0));
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return tests[a].p < tests[b].p; });
  for (std::size_t j = 0; j < m; ++j) {
    ZTest& t = tests[order[j]];
    if (t.p > alpha / static_cast<double>(m - j)) break;
    t.rejected = true;
    ++rejected;
  }
  return rejected;
}

double bonferroni_threshold(double alpha, long m) {
  // Solve erfc(z / sqrt 2) = alpha / m by bisection (erfc is decreasing).
  double target = alpha / static_cast<double>(std::max(1L, m)), lo = 0, hi = 40;
  for (int i = 0; i < 200; ++i) {
    double mid = 0.5 * (lo + hi);
    if (std::erfc(mid / std::sqrt(2.0)) > target) lo = mid; else hi = mid;
  }
  return hi;
}

}  // namespace flowcert
