// Inverse by Gauss-Jordan elimination for any flowcert scalar. Pivot: the largest |entry| for floating
// types, the first nonzero for exact ones; intervals pivot on an entry whose enclosure excludes 0.
// A (numerically or exactly) singular matrix raises DomainError naming the column.
#pragma once
#include <string>
#include <utility>

#include "flowcert/linalg/mat.hpp"
#include "flowcert/num/ops.hpp"

namespace flowcert {

template <class T>
Mat<T> gauss_inverse(const Mat<T>& a) {
  if (a.scalar) return Mat<T>::of_scalar(Ops<T>::div(T(1), a.v[0]));
  if (a.rows != a.cols) throw ShapeError("inv needs a square matrix, got " + a.shape());
  const std::size_t n = a.rows;
  Mat<T> m = a, inv = Mat<T>::sized(n, n);
  for (std::size_t i = 0; i < n; ++i) inv(i, i) = T(1);
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t piv = n;
    double best = -1;
    for (std::size_t r = c; r < n; ++r) {
      int s = Ops<T>::sign(m(r, c));
      if (s == 0 || s == kUnknownSign) continue;
      double mag = std::abs(Ops<T>::to_double(m(r, c)));
      if (Ops<T>::exact) { piv = r; break; }
      if (mag > best) { best = mag; piv = r; }
    }
    if (piv == n) throw DomainError("singular matrix: no usable pivot in column " + std::to_string(c));
    if (piv != c)
      for (std::size_t j = 0; j < n; ++j) {
        std::swap(m(c, j), m(piv, j));
        std::swap(inv(c, j), inv(piv, j));
      }
    T p = m(c, c);
    for (std::size_t j = 0; j < n; ++j) {
      m(c, j) = Ops<T>::div(m(c, j), p);
      inv(c, j) = Ops<T>::div(inv(c, j), p);
    }
    for (std::size_t r = 0; r < n; ++r) {
      if (r == c) continue;
      T f = m(r, c);
      if (Ops<T>::sign(f) == 0) continue;
      for (std::size_t j = 0; j < n; ++j) {
        m(r, j) -= f * m(c, j);
        inv(r, j) -= f * inv(c, j);
      }
    }
  }
  return inv;
}

}  // namespace flowcert
