// Random layers of paper 004: M = D W with W a sigma-Ginibre n x n matrix (i.i.d. N(0, sigma^2)) and D an
// (r, p)-gate (p-gate if r = 0). Products are either Theorem 5.3's J_L = D_L W_L ... D_1 W_1 (every layer
// gated) or the FGLN of Def. 4.1 / Sec. 8, J = W_L D_{L-1} W_{L-1} ... D_1 W_1 (the last layer ungated).
#pragma once
#include <string>

namespace flowcert {

struct LayerModel {
  int n = 2;
  double p = 1;        // keep probability of a gate
  int r = 0;           // rank conditioning: rank(D) >= r (0: unconditioned)
  double sigma = 1;    // weight standard deviation
  bool fgln = false;   // true: the last layer is ungated (Def. 4.1); false: Theorem 5.3's model
  void validate() const;
  std::string describe() const;
};

}  // namespace flowcert
