#include "flowcert/random/chains.hpp"

#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace flowcert {

std::vector<std::vector<double>> run_chains(long chains, unsigned threads, const ChainFn& fn) {
  std::vector<std::vector<double>> out(static_cast<std::size_t>(chains));
  std::atomic<long> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto worker = [&] {
    for (;;) {
      long c = next.fetch_add(1);
      if (c >= chains) return;
      try {
        out[static_cast<std::size_t>(c)] = fn(c);
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (!error) error = std::current_exception();
        next = chains;  // stop handing out work
      }
    }
  };
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(std::max<long>(1, chains))));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
  return out;
}

ChainSummary summarize_chains(const std::vector<std::vector<double>>& per_chain) {
  ChainSummary s;
  s.chains = static_cast<long>(per_chain.size());
  if (per_chain.empty()) return s;
  const std::size_t m = per_chain[0].size();
  s.mean.assign(m, 0);
  s.se.assign(m, 0);
  s.zeros.assign(m, 0);
  for (std::size_t i = 0; i < m; ++i) {
    // Two passes (mean, then squared deviations) in chain order: deterministic and not cancellation-prone.
    double sum = 0;
    long finite = 0;
    for (const auto& c : per_chain) {
      if (c.size() != m) throw std::logic_error("chains returned different numbers of entries");
      if (std::isinf(c[i]) && c[i] < 0) ++s.zeros[i];
      else if (!std::isfinite(c[i])) throw std::runtime_error("a chain produced NaN or +inf (overflow)");
      else { sum += c[i]; ++finite; }
    }
    if (s.zeros[i] > 0) {
      s.mean[i] = -std::numeric_limits<double>::infinity();
      continue;
    }
    const double mean = sum / static_cast<double>(finite);
    double ss = 0;
    for (const auto& c : per_chain) ss += (c[i] - mean) * (c[i] - mean);
    s.mean[i] = mean;
    s.se[i] = finite > 1 ? std::sqrt(ss / static_cast<double>(finite - 1) / static_cast<double>(finite)) : 0;
  }
  return s;
}

}  // namespace flowcert
