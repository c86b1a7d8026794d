// The estimators of the montecarlo kind. Each turns a point (width n, gate p, rank condition r, sigma, depth,
// the entries asked for) into a function from a chain index to that chain's values, one per entry:
//   lyapunov     (1/L) sum_l log|R_l,ii| of the Benettin iteration (mean gamma_i, Lemma C.5)
//   finite_depth one product J_L of `depth` layers; statistic Y: log s_i - log R_ii(J_L) (the control variate
//                of the catalogue, E Y_i = E log s_i - L gamma_i), partial: sum_{k<=i} Y_k (Sec. C.2),
//                logs: (1/L) log s_i, zero: 1 if s_i = 0 exactly
//   haar_minor   -log|det Omega^{i,i}| for a Haar orthogonal Omega (mean d_i)
//   wishart      log||Y e_1 ^ ... ^ Y e_i|| with Y = D W, D of rank t (Lemma C.3)
//   rank_law     1 if rank D = t for an (r, p)-gate D, for each t asked for (Lemma C.4)
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "flowcert/random/chains.hpp"
#include "flowcert/random/layers.hpp"

namespace flowcert {

struct McSetting {
  std::string estimator, statistic = "Y";
  LayerModel model;
  long depth = 1;
  int t = 0;                  // wishart: the rank of D
  std::vector<long> entries;  // 1-based i (or the ranks t of rank_law)
  bool mpfr = false;          // Benettin / products in MPFR at `digits`
  unsigned digits = 50;
};

// Checks the setting (entries in range, r >= entries for lyapunov, ...); throws std::invalid_argument.
void validate_setting(const McSetting& s);

ChainFn make_chain_fn(const McSetting& s, std::uint64_t key);

}  // namespace flowcert
