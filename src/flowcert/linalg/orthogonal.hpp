// Exactly orthogonal rational matrices from a seed: the Cayley transform Q = (I - A)^{-1} (I + A) of a
// skew-symmetric rational A is orthogonal in exact arithmetic, so claims about "a generic orthogonal U"
// can be evaluated rigorously (its entries are exact inputs, not rounded approximations).
#pragma once
#include <cstdint>

#include "flowcert/linalg/mat.hpp"
#include "flowcert/num/scalar.hpp"

namespace flowcert {

Mat<Q> cayley_orthogonal(std::uint64_t seed, long n);

}  // namespace flowcert
