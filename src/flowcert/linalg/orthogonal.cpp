#include "flowcert/linalg/orthogonal.hpp"

#include "flowcert/linalg/gauss.hpp"
#include "flowcert/random/stream.hpp"

namespace flowcert {

Mat<Q> cayley_orthogonal(std::uint64_t seed, long n) {
  if (n < 1 || n > 256) throw DomainError("rorth(seed, n) needs 1 <= n <= 256");
  const std::size_t N = static_cast<std::size_t>(n);
  CounterStream rng(seed, 0x6f727468 /* "orth" */);
  // Skew-symmetric A with entries k/1000, k uniform in [-1000, 1000].
  Mat<Q> a = Mat<Q>::sized(N, N);
  for (std::size_t i = 0; i < N; ++i)
    for (std::size_t j = i + 1; j < N; ++j) {
      Q e(static_cast<long>(rng.uniform_int(2001)) - 1000, 1000);
      a(i, j) = e;
      a(j, i) = -e;
    }
  Mat<Q> minus = Mat<Q>::sized(N, N), plus = Mat<Q>::sized(N, N);
  for (std::size_t i = 0; i < N; ++i)
    for (std::size_t j = 0; j < N; ++j) {
      Q id = i == j ? Q(1) : Q(0);
      minus(i, j) = id - a(i, j);
      plus(i, j) = id + a(i, j);
    }
  return matmul(gauss_inverse(minus), plus);
}

}  // namespace flowcert
