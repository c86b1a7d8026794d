// The functions a formula may call. Indices are 0-based everywhere; slices are half-open like numpy
// (slice(Phi, 1, K, 1, K) is the paper's Phi[2:K, 2:K]). `*`, `/` and `^` act elementwise with
// broadcasting; mm() is the matrix product.
#pragma once
#include <string>
#include <vector>

namespace flowcert {

enum class Fn {
  Exp, Log, Abs, Tanh, Sin, Cos, Relu, Max, Min, Expm1, Expm1c, Log1p, Ei, EiInv,
  Hadamard, Ones, Zeros, Eye, Slice, Transpose, Mm, Kron, Diag, Row, Col, El,
  Sum, Minof, Maxof, Dot, Trace, Fnorm, Nucnorm, Svals, Softmax, Xor, Inv, Vcat, Hcat, Vec, Len, Rows, Cols, Rorth, Offdiag, Reshape,
  Psi, Binom, Range, Det, Rank, Eigsym, Eigvalsym, Chol, Svdu, Svdv, Sgn,
};

struct BuiltinInfo {
  const char* name;
  int min_args, max_args;
  Fn fn;
  bool ginac_native;  // GiNaC already knows the function (exp, log, ...): the parser keeps its own
  const char* doc;
};

const std::vector<BuiltinInfo>& builtins();
const BuiltinInfo* find_builtin(const std::string& name);

}  // namespace flowcert
