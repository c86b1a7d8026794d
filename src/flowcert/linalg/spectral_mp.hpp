// Decompositions at MPFR precision (Eigen over Boost.Multiprecision, and a cyclic Jacobi eigensolver): singular
// values, and eigen- and singular vectors with a fixed order and sign convention so that formulas can index
// them: columns by |value| descending, the sign of column i chosen so that its i-th entry is >= 0 (the
// convention e_i^T u_i >= 0 of Thm. D.1).
#pragma once
#include "flowcert/linalg/mat.hpp"
#include "flowcert/num/scalar.hpp"

#include <vector>

namespace flowcert {

// Singular values (Eigen's JacobiSVD), in Eigen's order (descending).
std::vector<mp> singular_values(const Mat<mp>& a);

struct SymEigen {
  Mat<mp> vectors;  // columns
  Mat<mp> values;   // column
};
SymEigen symmetric_eigen(const Mat<mp>& x);

struct SvdVectors {
  Mat<mp> u, v;  // A v_i = s_i u_i, columns by s descending
};
SvdVectors singular_vectors(const Mat<mp>& a);

}  // namespace flowcert
