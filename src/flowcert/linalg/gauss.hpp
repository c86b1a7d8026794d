// Inverse by Gauss-Jordan elimination for any flowcert scalar. Pivot: the largest |entry| for floating
// types, the first nonzero for exact ones; intervals pivot on an entry whose enclosure excludes 0.
// A (numerically or exactly) singular matrix raises DomainError naming the column.
#pragma once
#include <string>
#include <utility>

#include "flowcert/linalg/mat.hpp"
#include "flowcert/num/ops.hpp"

namespace flowcert {

// The pivot row for column c among rows c..n-1 (the rule above), or n when no entry is decidedly nonzero;
// `undecided` tells whether some entry's sign was unknown (an enclosure straddling 0).
template <class T>
std::size_t gauss_pivot(const Mat<T>& m, std::size_t c, bool& undecided) {
  const std::size_t n = m.rows;
  std::size_t piv = n;
  double best = -1;
  undecided = false;
  for (std::size_t r = c; r < n; ++r) {
    int s = Ops<T>::sign(m(r, c));
    if (s == kUnknownSign) undecided = true;
    if (s == 0 || s == kUnknownSign) continue;
    if (Ops<T>::exact) return r;
    double mag = std::abs(Ops<T>::to_double(m(r, c)));
    if (mag > best) { best = mag; piv = r; }
  }
  return piv;
}

template <class T>
Mat<T> gauss_inverse(const Mat<T>& a) {
  if (a.scalar) return Mat<T>::of_scalar(Ops<T>::div(T(1), a.v[0]));
  if (a.rows != a.cols) throw ShapeError("inv needs a square matrix, got " + a.shape());
  const std::size_t n = a.rows;
  Mat<T> m = a, inv = Mat<T>::sized(n, n);
  for (std::size_t i = 0; i < n; ++i) inv(i, i) = T(1);
  for (std::size_t c = 0; c < n; ++c) {
    bool undecided;
    const std::size_t piv = gauss_pivot(m, c, undecided);
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

// Determinant by Gaussian elimination with the same pivot rule as gauss_inverse; a matrix with no usable
// pivot left has determinant 0 when the arithmetic decides it (exact types), else DomainError.
template <class T>
T gauss_det(const Mat<T>& a) {
  if (a.scalar) return a.v[0];
  if (a.rows != a.cols) throw ShapeError("det needs a square matrix, got " + a.shape());
  const std::size_t n = a.rows;
  Mat<T> m = a;
  T det(1);
  for (std::size_t c = 0; c < n; ++c) {
    bool undecided;
    const std::size_t piv = gauss_pivot(m, c, undecided);
    if (piv == n) {
      if (undecided) throw DomainError("det: cannot decide whether column " + std::to_string(c) + " has a nonzero pivot");
      return T(0);
    }
    if (piv != c) {
      for (std::size_t j = 0; j < n; ++j) std::swap(m(c, j), m(piv, j));
      det = -det;
    }
    det *= m(c, c);
    for (std::size_t r = c + 1; r < n; ++r) {
      T f = Ops<T>::div(m(r, c), m(c, c));
      for (std::size_t j = c; j < n; ++j) m(r, j) -= f * m(c, j);
    }
  }
  return det;
}

// Rank by exact elimination (rationals only: a rounded rank is not a fact).
inline long exact_rank(Mat<Q> m) {
  if (m.scalar) return m.v[0] == 0 ? 0 : 1;
  std::size_t rank = 0;
  for (std::size_t c = 0; c < m.cols && rank < m.rows; ++c) {
    std::size_t piv = rank;
    while (piv < m.rows && m(piv, c) == 0) ++piv;
    if (piv == m.rows) continue;
    for (std::size_t j = 0; j < m.cols; ++j) std::swap(m(rank, j), m(piv, j));
    for (std::size_t r = rank + 1; r < m.rows; ++r) {
      if (m(r, c) == 0) continue;
      Q f = m(r, c) / m(rank, c);
      for (std::size_t j = c; j < m.cols; ++j) m(r, j) -= f * m(rank, j);
    }
    ++rank;
  }
  return static_cast<long>(rank);
}

// Lower Cholesky factor L of a symmetric positive definite C = L L^T; a pivot that is not positive (or not
// decided positive, for enclosures) is a DomainError naming it.
template <class T>
Mat<T> cholesky_lower(const Mat<T>& c) {
  if (c.scalar) return Mat<T>::of_scalar(Ops<T>::sqrt(c.v[0]));
  if (c.rows != c.cols) throw ShapeError("chol needs a square matrix, got " + c.shape());
  const std::size_t n = c.rows;
  Mat<T> l = Mat<T>::sized(n, n);
  for (std::size_t j = 0; j < n; ++j) {
    T d = c(j, j);
    for (std::size_t k = 0; k < j; ++k) d -= l(j, k) * l(j, k);
    if (Ops<T>::sign(d) != 1)
      throw DomainError("chol: the matrix is not (decidedly) positive definite at pivot " + std::to_string(j));
    l(j, j) = Ops<T>::sqrt(d);
    for (std::size_t i = j + 1; i < n; ++i) {
      T s = c(i, j);
      for (std::size_t k = 0; k < j; ++k) s -= l(i, k) * l(j, k);
      l(i, j) = Ops<T>::div(s, l(j, j));
    }
  }
  return l;
}

}  // namespace flowcert
