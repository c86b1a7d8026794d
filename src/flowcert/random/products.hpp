// Products of random layers by the QR (Benettin) method, in double or in MPFR precision (T = double, mp).
//   lyapunov_sums: Y_l = M_l Q_{l-1} = Q_l R_l with Q_0 = [e_1 .. e_k]; returns sum_l log|R_l,ii| (i < k).
//     By right-rotation invariance (D W Q ~ D W for orthogonal Q) the terms are i.i.d. across l, with mean
//     gamma_i (Lemma C.5), so (1/L) times the sum is unbiased at every L.
//   product_spectrum: the singular values of J_L itself (all n), as logs, and log|R_ii(J_L)|. The product of
//     the triangular factors is kept graded, P = G N with G = diag(e^{g}) and N unit-diagonal upper
//     triangular, so that values spanning e^{-700} .. e^{700} stay representable and s_i/s_1 far below
//     machine epsilon stays accurate; singular values come from one-sided Jacobi on (G N)^T, which is
//     relatively accurate for such column-scaled matrices (Demmel & Veselic 1992).
// Rows removed by a gate are never drawn (they do not enter D W); when a gate's rank is below the current
// rank the state shrinks, and the lost singular values are exactly 0 (log = -inf).
#pragma once
#include <vector>

#include "flowcert/random/layers.hpp"
#include "flowcert/random/stream.hpp"

namespace flowcert {

template <class T>
std::vector<T> lyapunov_sums(const LayerModel& m, int k, long steps, CounterStream& s);

template <class T>
struct ProductSpectrum {
  std::vector<T> log_s;   // log s_i(J_L), descending; -inf where s_i = 0 exactly
  std::vector<T> log_r;   // log|R_ii(J_L)| of the QR decomposition of J_L's columns; -inf beyond the rank
  int rank = 0;           // rank of J_L (the smallest gate rank, Lemma C.2)
};

template <class T>
ProductSpectrum<T> product_spectrum(const LayerModel& m, long depth, CounterStream& s);

}  // namespace flowcert
