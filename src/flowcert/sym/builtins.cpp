#include "flowcert/sym/builtins.hpp"

namespace flowcert {

const std::vector<BuiltinInfo>& builtins() {
  static const std::vector<BuiltinInfo> table = {
      {"exp", 1, 1, Fn::Exp, true, "elementwise exponential"},
      {"log", 1, 1, Fn::Log, true, "elementwise natural logarithm"},
      {"abs", 1, 1, Fn::Abs, true, "elementwise absolute value"},
      {"tanh", 1, 1, Fn::Tanh, true, "elementwise tanh"},
      {"sin", 1, 1, Fn::Sin, true, "elementwise sine"},
      {"cos", 1, 1, Fn::Cos, true, "elementwise cosine"},
      {"relu", 1, 1, Fn::Relu, false, "elementwise max(x, 0)"},
      {"expm1", 1, 1, Fn::Expm1, false, "elementwise exp(x) - 1 (accurate near 0)"},
      {"expm1c", 2, 2, Fn::Expm1c, false, "expm1c(a, y) = expm1(a y)/a, and y where a is exactly 0 (its limit; a a constant)"},
      {"log1p", 1, 1, Fn::Log1p, false, "elementwise log(1 + x) (accurate near 0)"},
      {"Ei", 1, 1, Fn::Ei, false, "exponential integral Ei(x) (mpfr, arb)"},
      {"Eiinv", 1, 1, Fn::EiInv, false, "the u > 0.3725 with Ei(u) = y (Newton; mpfr only)"},
      {"max", 2, 2, Fn::Max, false, "elementwise maximum"},
      {"min", 2, 2, Fn::Min, false, "elementwise minimum"},
      {"hadamard", 1, 1, Fn::Hadamard, false, "Sylvester-Hadamard matrix of order K = 2^m"},
      {"ones", 1, 2, Fn::Ones, false, "ones(n) is n x 1, ones(n, m) is n x m"},
      {"zeros", 1, 2, Fn::Zeros, false, "zeros(n) is n x 1, zeros(n, m) is n x m"},
      {"eye", 1, 1, Fn::Eye, false, "identity matrix"},
      {"slice", 5, 5, Fn::Slice, false, "slice(A, r0, r1, c0, c1) = A[r0:r1, c0:c1], 0-based half-open"},
      {"transpose", 1, 1, Fn::Transpose, false, "transpose"},
      {"mm", 2, 2, Fn::Mm, false, "matrix product"},
      {"kron", 2, 2, Fn::Kron, false, "Kronecker product"},
      {"diag", 1, 1, Fn::Diag, false, "vector -> diagonal matrix; matrix -> its diagonal as a column"},
      {"row", 2, 2, Fn::Row, false, "row(A, i) as a 1 x n matrix"},
      {"col", 2, 2, Fn::Col, false, "col(A, j) as an n x 1 matrix"},
      {"el", 2, 3, Fn::El, false, "el(v, i) or el(A, i, j): one entry"},
      {"sum", 1, 1, Fn::Sum, false, "sum of all entries"},
      {"minof", 1, 1, Fn::Minof, false, "the smallest entry"},
      {"maxof", 1, 1, Fn::Maxof, false, "the largest entry"},
      {"dot", 2, 2, Fn::Dot, false, "sum of the elementwise product"},
      {"trace", 1, 1, Fn::Trace, false, "trace"},
      {"fnorm", 1, 1, Fn::Fnorm, false, "Frobenius norm"},
      {"nucnorm", 1, 1, Fn::Nucnorm, false, "nuclear norm (sum of singular values; mpfr only)"},
      {"svals", 1, 1, Fn::Svals, false, "singular values, descending, as a column (Jacobi SVD; mpfr only)"},
      {"softmax", 1, 1, Fn::Softmax, false, "column-wise softmax of a matrix (of a vector: its softmax)"},
      {"xor", 2, 2, Fn::Xor, false, "bitwise XOR of two non-negative integers"},
      {"inv", 1, 1, Fn::Inv, false, "matrix inverse (Gauss-Jordan; singular matrices are an error)"},
      {"vcat", 2, 3, Fn::Vcat, false, "stack vertically"},
      {"hcat", 2, 3, Fn::Hcat, false, "stack horizontally"},
      {"vec", 1, 8, Fn::Vec, false, "column vector of the (scalar) arguments"},
      {"len", 1, 1, Fn::Len, false, "number of entries"},
      {"rows", 1, 1, Fn::Rows, false, "number of rows"},
      {"cols", 1, 1, Fn::Cols, false, "number of columns"},
      {"rorth", 2, 2, Fn::Rorth, false, "rorth(seed, n): exactly orthogonal rational n x n matrix (Cayley)"},
      {"offdiag", 1, 1, Fn::Offdiag, false, "the matrix with its diagonal set to 0"},
      {"psi", 1, 1, Fn::Psi, false, "elementwise digamma psi(x) = Gamma'(x)/Gamma(x) (mpfr, arb, mpfi via arb, double)"},
      {"binom", 2, 2, Fn::Binom, false, "elementwise binomial coefficient C(n, k) of integers (0 unless 0 <= k <= n)"},
      {"range", 2, 2, Fn::Range, false, "range(a, b): the integers a, a+1, ..., b as a column"},
      {"det", 1, 1, Fn::Det, false, "determinant (Gaussian elimination; exact over rationals)"},
      {"rank", 1, 1, Fn::Rank, false, "rank of a matrix (exact rational arithmetic only)"},
      {"eigsym", 1, 1, Fn::Eigsym, false, "eigenvectors of a symmetric matrix as columns, by |eigenvalue| descending, (U)_ii >= 0 (mpfr only)"},
      {"eigvalsym", 1, 1, Fn::Eigvalsym, false, "eigenvalues of a symmetric matrix, by |eigenvalue| descending, as a column (mpfr only)"},
      {"chol", 1, 1, Fn::Chol, false, "lower Cholesky factor L of a positive definite C = L L^T"},
      {"svdu", 1, 1, Fn::Svdu, false, "left singular vectors (columns, by singular value descending; signs with (U)_ii >= 0; mpfr only)"},
      {"svdv", 1, 1, Fn::Svdv, false, "right singular vectors matching svdu (A v_i = s_i u_i; mpfr only)"},
      {"sgn", 1, 1, Fn::Sgn, false, "elementwise sign -1, 0, 1 (an enclosure that straddles 0 is an error)"},
      {"reshape", 3, 3, Fn::Reshape, false, "reshape(A, r, c): the entries of A, row by row, as an r x c matrix"},
  };
  return table;
}

const BuiltinInfo* find_builtin(const std::string& name) {
  for (const auto& b : builtins())
    if (name == b.name) return &b;
  return nullptr;
}

}  // namespace flowcert
