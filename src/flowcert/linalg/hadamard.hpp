// Sylvester-Hadamard matrices (paper 000, Def. 3.1): Phi_1 = [1], Phi_2k = [[Phi_k, Phi_k], [Phi_k, -Phi_k]].
// Entry (i, j), 0-based, is (-1)^popcount(i & j).
#pragma once
#include <bit>
#include <stdexcept>
#include <string>

#include "flowcert/linalg/mat.hpp"

namespace flowcert {

template <class T>
Mat<T> sylvester_hadamard(long K) {
  if (K < 1 || (K & (K - 1)) != 0 || K > 4096)
    throw std::domain_error("hadamard(K) needs K a power of two between 1 and 4096, got " + std::to_string(K));
  Mat<T> m = Mat<T>::sized(static_cast<std::size_t>(K), static_cast<std::size_t>(K));
  for (long i = 0; i < K; ++i)
    for (long j = 0; j < K; ++j) m(i, j) = T((std::popcount(static_cast<unsigned long>(i & j)) & 1) ? -1 : 1);
  return m;
}

}  // namespace flowcert
