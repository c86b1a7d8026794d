// Independent chains run on up to `threads` threads. Chain c draws only from stream (key, c), and results
// are stored by chain index and reduced in index order, so the outcome is bit-identical for any number of
// threads. The first exception thrown by a chain is rethrown once all threads have stopped.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

namespace flowcert {

using ChainFn = std::function<std::vector<double>(long chain)>;

std::vector<std::vector<double>> run_chains(long chains, unsigned threads, const ChainFn& fn);

// Per-entry mean and standard error (sample standard deviation / sqrt(chains)) over the chains; an entry
// that is -inf in some chain (a singular value exactly 0) gets mean -inf, se 0 and its count in `zeros`.
struct ChainSummary {
  std::vector<double> mean, se;
  std::vector<long> zeros;
  long chains = 0;
};
ChainSummary summarize_chains(const std::vector<std::vector<double>>& per_chain);

}  // namespace flowcert
