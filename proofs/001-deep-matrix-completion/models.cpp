// Paper 001 (deep matrix completion): C++ models used by claims.toml. Observation patterns are 0/1 masks
// of a d x d matrix; Definition 1 calls a pattern connected when the bipartite graph of rows and columns
// (an edge per observed entry), with its isolated vertices removed, is connected.
#include "proofs/001-deep-matrix-completion/models.hpp"

#include <algorithm>
#include <bit>
#include <numeric>
#include <vector>

#include "flowcert/num/ops.hpp"
#include "flowcert/sym/ex_ops.hpp"

namespace flowcert::paper001 {

namespace {

// Definition 1 on a mask given as bits (entry (i, j) is bit i*d + j). The empty mask has no vertices.
bool bipartite_connected(unsigned mask, int d) {
  std::vector<int> parent(2 * d);
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](int x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  std::vector<bool> used(2 * d, false);
  for (int i = 0; i < d; ++i)
    for (int j = 0; j < d; ++j)
      if (mask >> (i * d + j) & 1u) {
        used[i] = used[d + j] = true;
        parent[find(i)] = find(d + j);
      }
  int root = -1;
  for (int v = 0; v < 2 * d; ++v) {
    if (!used[v]) continue;
    if (root < 0) root = find(v);
    else if (find(v) != root) return false;
  }
  return root >= 0;
}

// The image of a mask under a row permutation r, a column permutation c and optionally the transpose.
unsigned permuted(unsigned mask, int d, const std::vector<int>& r, const std::vector<int>& c, bool transpose) {
  unsigned out = 0;
  for (int i = 0; i < d; ++i)
    for (int j = 0; j < d; ++j)
      if (mask >> (i * d + j) & 1u) {
        int a = r[i], b = c[j];
        if (transpose) std::swap(a, b);
        out |= 1u << (a * d + b);
      }
  return out;
}

template <class T>
long integer_arg(const ModelArgs<T>& a, std::size_t k, const char* what) {
  return Ops<T>::to_long(a[k]->as_scalar(what));
}

// pattern_orbits(d, transpose, kmin, kmax): the numbers of connected and of disconnected observation
// patterns of a d x d matrix with kmin..kmax observed entries, counted up to row and column permutations
// (and the transpose when `transpose` is 1): App. C.1's "unique observation patterns". Exhaustive: every
// mask is mapped to its smallest image under the group, and the distinct smallest images are counted.
struct PatternOrbits {
  template <class T>
  Mat<T> operator()(const ModelArgs<T>& a) const {
    long d = integer_arg(a, 0, "pattern_orbits"), tr = integer_arg(a, 1, "pattern_orbits");
    long kmin = integer_arg(a, 2, "pattern_orbits"), kmax = integer_arg(a, 3, "pattern_orbits");
    if (d < 1 || d > 4) throw DomainError("pattern_orbits(d, ...): d must be 1..4 (2^(d^2) masks are enumerated)");
    if (tr != 0 && tr != 1) throw DomainError("pattern_orbits: transpose must be 0 or 1");
    if (kmin < 1 || kmax < kmin || kmax > d * d) throw DomainError("pattern_orbits: need 1 <= kmin <= kmax <= d^2");
    const int n = static_cast<int>(d);
    std::vector<int> perm(n);
    std::iota(perm.begin(), perm.end(), 0);
    std::vector<std::vector<int>> perms;
    do perms.push_back(perm);
    while (std::next_permutation(perm.begin(), perm.end()));
    long connected = 0, disconnected = 0;
    const unsigned all = 1u << (n * n);
    for (unsigned mask = 1; mask < all; ++mask) {
      int k = std::popcount(mask);
      if (k < kmin || k > kmax) continue;
      unsigned smallest = mask;
      for (const auto& r : perms)
        for (const auto& c : perms)
          for (int t = 0; t <= tr; ++t) smallest = std::min(smallest, permuted(mask, n, r, c, t == 1));
      if (smallest != mask) continue;  // count each orbit once, at its smallest member
      (bipartite_connected(mask, n) ? connected : disconnected) += 1;
    }
    Mat<T> m = Mat<T>::sized(2, 1);
    m.v[0] = T(connected);
    m.v[1] = T(disconnected);
    return m;
  }
};

// connected(P): 1 when the 0/1 mask P is connected in the sense of Definition 1, else 0.
struct Connected {
  template <class T>
  Mat<T> operator()(const ModelArgs<T>& a) const {
    const Mat<T>& p = *a[0];
    if (p.rows != p.cols || p.rows < 1 || p.rows > 5) throw DomainError("connected(P): P must be a square 0/1 matrix of size 1..5");
    const int n = static_cast<int>(p.rows);
    unsigned mask = 0;
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) {
        long e = Ops<T>::to_long(p(i, j));
        if (e != 0 && e != 1) throw DomainError("connected(P): entries must be 0 or 1");
        if (e == 1) mask |= 1u << (i * n + j);
      }
    return Mat<T>::of_scalar(T(bipartite_connected(mask, n) ? 1 : 0));
  }
};

}  // namespace

void register_models() {
  register_model(make_model("pattern_orbits", 4,
                            "App. C.1: (connected, disconnected) counts of d x d observation patterns with kmin..kmax entries, "
                            "up to row/column permutations (and transpose if 1)",
                            PatternOrbits{}));
  register_model(make_model("connected", 1, "Definition 1: 1 if the 0/1 mask P is connected (bipartite rows/columns graph)", Connected{}));
}

}  // namespace flowcert::paper001
