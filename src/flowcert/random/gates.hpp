// Gates of paper 004 (Sec. 5): a p-gate D = diag(Bernoulli(p)); an (r, p)-gate is a p-gate conditioned on
// rank(D) >= r, sampled by rejection. A gate is returned as the list of the rows it keeps.
#pragma once
#include <vector>

#include "flowcert/random/stream.hpp"

namespace flowcert {

// P(Bin(n, p) >= r): the acceptance probability of the rejection sampler.
double binomial_tail(int n, double p, int r);

// Fills `kept` with the rows of a p-gate; p = 1 keeps every row.
void bernoulli_gate(CounterStream& s, int n, double p, std::vector<int>& kept);

// An (r, p)-gate by rejection. Throws std::invalid_argument when P(rank >= r) is below 1e-6 (rejection
// would not end in reasonable time) or r is outside 0..n.
void conditioned_gate(CounterStream& s, int n, double p, int r, std::vector<int>& kept);

}  // namespace flowcert
