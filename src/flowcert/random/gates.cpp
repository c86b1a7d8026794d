#include "flowcert/random/gates.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "flowcert/random/normal.hpp"

namespace flowcert {

double binomial_tail(int n, double p, int r) {
  if (r <= 0) return 1;
  if (r > n) return 0;
  if (p >= 1) return 1;
  double tail = 0;
  for (int t = r; t <= n; ++t)
    tail += std::exp(std::lgamma(n + 1.0) - std::lgamma(t + 1.0) - std::lgamma(n - t + 1.0) + t * std::log(p) +
                     (n - t) * std::log1p(-p));
  return tail;
}

void bernoulli_gate(CounterStream& s, int n, double p, std::vector<int>& kept) {
  kept.clear();
  for (int i = 0; i < n; ++i)
    if (p >= 1 || uniform01(s) < p) kept.push_back(i);
}

void conditioned_gate(CounterStream& s, int n, double p, int r, std::vector<int>& kept) {
  if (r < 0 || r > n) throw std::invalid_argument("rank condition r = " + std::to_string(r) + " is outside 0.." + std::to_string(n));
  if (!(p > 0 && p <= 1)) throw std::invalid_argument("gate probability p must be in (0, 1]");
  // The acceptance probability is computed only when rejection is slow (it costs n lgamma calls).
  for (long tries = 1;; ++tries) {
    bernoulli_gate(s, n, p, kept);
    if (static_cast<int>(kept.size()) >= r) return;
    if (tries == 1000 && binomial_tail(n, p, r) < 1e-6)
      throw std::invalid_argument("P(rank >= " + std::to_string(r) + ") = " + std::to_string(binomial_tail(n, p, r)) +
                                  " is too small for rejection sampling");
  }
}

}  // namespace flowcert
