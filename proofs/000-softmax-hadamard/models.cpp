// Paper 000 (softmax diagonalization by Sylvester-Hadamard initialization): C++ models used by claims.toml.
#include "proofs/000-softmax-hadamard/models.hpp"

#include "flowcert/num/ops.hpp"
#include "flowcert/sym/ex_ops.hpp"

namespace flowcert::paper000 {

namespace {

// App. B.1, Eq. (8): the permutation Pi_i whose row j is e_{i xor j}^T (0-based indices).
struct XorPermutation {
  template <class T>
  Mat<T> operator()(const ModelArgs<T>& a) const {
    long i = Ops<T>::to_long(a[0]->as_scalar("xorperm")), K = Ops<T>::to_long(a[1]->as_scalar("xorperm"));
    if (K < 1 || (K & (K - 1)) != 0 || K > 4096) throw DomainError("xorperm(i, K) needs K a power of two");
    if (i < 0 || i >= K) throw DomainError("xorperm(i, K): index i = " + std::to_string(i) + " out of range 0..K-1");
    Mat<T> m = Mat<T>::sized(static_cast<std::size_t>(K), static_cast<std::size_t>(K));
    for (long j = 0; j < K; ++j) m(static_cast<std::size_t>(j), static_cast<std::size_t>(i ^ j)) = T(1);
    return m;
  }
};

}  // namespace

void register_models() {
  register_model(make_model("xorperm", 2, "App. B.1 Eq. (8): permutation with row j = e_{i xor j}^T", XorPermutation{}));
}

}  // namespace flowcert::paper000
