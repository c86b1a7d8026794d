// Singular values of a matrix at MPFR precision (Eigen's JacobiSVD over Boost.Multiprecision).
#pragma once
#include <vector>

#include "flowcert/linalg/mat.hpp"
#include "flowcert/num/scalar.hpp"

namespace flowcert {

std::vector<mp> singular_values(const Mat<mp>& a);

}  // namespace flowcert
