// z-tests of Monte-Carlo estimates against predictions, with a family-wise error rate over the tests of a
// check: Holm's step-down procedure (reject the j-th smallest p-value while p_(j) <= alpha/(m - j + 1)) or
// Bonferroni (p <= alpha/m). Two-sided for a predicted value, one-sided for a lower or upper bound.
#pragma once
#include <string>
#include <vector>

namespace flowcert {

enum class Side { Equal, AtLeast, AtMost };

struct ZTest {
  std::string label;
  double estimate = 0, se = 0, target = 0, z = 0, p = 1;
  Side side = Side::Equal;
  bool rejected = false;
};

// z and p of one test (se must be > 0).
void compute_z(ZTest& t);

// Marks the rejected tests; returns how many.
long apply_correction(std::vector<ZTest>& tests, double alpha, const std::string& correction);

// The |z| a two-sided test needs to be rejected alone at level alpha/m (for reports).
double bonferroni_threshold(double alpha, long m);

}  // namespace flowcert
