// Lohner's representation of an enclosure against the wrapping effect (Lohner 1987; as in CAPD's
// C^0 "QR" sets): y lies in { x + A r : r in R }, with an exact centre x, an exact, nearly orthogonal
// frame A (columns of a QR factor, stored as 17-digit decimals) and an interval vector R of coordinates.
// One step of the flow maps it, by the mean-value theorem applied to the Taylor map Phi, into
//   Phi(x) + Rem + J A r,   J = D Phi over a convex box holding x and every start point,
// and the new coordinates in the frame (x', A') are
//   R' = (A'^{-1} J A) R + A'^{-1} (Phi(x) + Rem - x'),
// with A'^{-1} enclosed by interval Gauss-Jordan. Choosing A' as the orthogonal factor of mid(J A)
// (columns pivoted by their contribution to the width) makes A'^{-1} J A nearly triangular, so a box
// turned by the flow is not re-wrapped into an axis-parallel box at every step.
// The generic pieces below run in MPFI (the enclosure) and in Arb (its recheck).
#pragma once
#include <Eigen/Dense>
#include <algorithm>
#include <cstdio>
#include <numeric>
#include <string>
#include <vector>

#include "flowcert/linalg/gauss.hpp"
#include "flowcert/num/decimal.hpp"
#include "flowcert/num/interval_ops.hpp"

namespace flowcert {

template <class T>
struct LohnerSet {
  std::vector<Q> x;  // centre
  std::vector<Q> A;  // n x n, row-major; empty: the identity
  std::vector<T> r;  // coordinates
  bool empty() const { return x.empty(); }
};

namespace lohner {

template <class T>
std::vector<T> to_intervals(const std::vector<Q>& q) {
  std::vector<T> out;
  out.reserve(q.size());
  for (const Q& v : q) out.push_back(Ops<T>::from_q(v));
  return out;
}

// The frame as an interval matrix (the identity when A is empty).
template <class T>
Mat<T> frame_matrix(const LohnerSet<T>& s) {
  const std::size_t n = s.x.size();
  Mat<T> a = Mat<T>::sized(n, n);
  a.scalar = false;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) a(i, j) = s.A.empty() ? T(i == j ? 1 : 0) : Ops<T>::from_q(s.A[i * n + j]);
  return a;
}

// m v for an n x n matrix and an n-vector (not "apply": ADL would find std::apply).
template <class T>
std::vector<T> mat_vec(const Mat<T>& m, const std::vector<T>& v) {
  std::vector<T> out(m.rows, T(0));
  for (std::size_t i = 0; i < m.rows; ++i)
    for (std::size_t j = 0; j < m.cols; ++j) out[i] += m(i, j) * v[j];
  return out;
}

template <class T>
Mat<T> product(const Mat<T>& a, const Mat<T>& b) {
  Mat<T> out = Mat<T>::sized(a.rows, b.cols);
  out.scalar = false;
  for (std::size_t i = 0; i < a.rows; ++i)
    for (std::size_t k = 0; k < a.cols; ++k)
      for (std::size_t j = 0; j < b.cols; ++j) out(i, j) += a(i, k) * b(k, j);
  return out;
}

// The interval hull of the set: x + A r.
template <class T>
std::vector<T> hull(const LohnerSet<T>& s) {
  std::vector<T> out = mat_vec(frame_matrix(s), s.r);
  for (std::size_t i = 0; i < out.size(); ++i) out[i] += Ops<T>::from_q(s.x[i]);
  return out;
}

// A decimal near the middle of an enclosure (any value will do; a short one keeps certificates short).
template <class T>
Q decimal_mid(const T& v, unsigned digits) {
  return parse_exact_decimal(IntervalOps<T>::lower(IntervalOps<T>::mid(v), digits));
}

// The set {x + r} of a box y, centred on a decimal near its middle, in the identity frame.
template <class T>
LohnerSet<T> from_box(const std::vector<T>& y, unsigned digits) {
  LohnerSet<T> s;
  for (const T& v : y) {
    s.x.push_back(decimal_mid(v, digits));
    s.r.push_back(T(v - Ops<T>::from_q(s.x.back())));
  }
  return s;
}

// The orthogonal factor of the Householder QR of mid(M) with its columns sorted by decreasing
// |column| * width(r_j), rounded to 17-digit decimals (exactness of the frame is not needed: its inverse
// is enclosed, and only the near-orthogonality matters for tightness).
template <class T>
std::vector<Q> qr_frame(const Mat<T>& m, const std::vector<T>& r) {
  const Eigen::Index n = static_cast<Eigen::Index>(m.rows);
  Eigen::MatrixXd mid(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j)
      mid(i, j) = Ops<T>::to_double(IntervalOps<T>::mid(m(static_cast<std::size_t>(i), static_cast<std::size_t>(j))));
  std::vector<double> weight(static_cast<std::size_t>(n));
  for (Eigen::Index j = 0; j < n; ++j) weight[static_cast<std::size_t>(j)] = mid.col(j).norm() * IntervalOps<T>::width(r[static_cast<std::size_t>(j)]);
  std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), Eigen::Index(0));
  std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return weight[static_cast<std::size_t>(a)] > weight[static_cast<std::size_t>(b)]; });
  Eigen::MatrixXd sorted(n, n);
  for (Eigen::Index j = 0; j < n; ++j) sorted.col(j) = mid.col(order[static_cast<std::size_t>(j)]);
  Eigen::MatrixXd q = Eigen::HouseholderQR<Eigen::MatrixXd>(sorted).householderQ();
  std::vector<Q> a;
  a.reserve(static_cast<std::size_t>(n * n));
  char buf[40];
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) {
      std::snprintf(buf, sizeof buf, "%.17g", q(i, j));
      a.push_back(parse_exact_decimal(buf));
    }
  return a;
}

// The coordinates, in the frame (x', A') of `next`, of the image Phi(x) + Rem + M r of a set with
// coordinates r: (A'^{-1} M) r + A'^{-1} (z - x'), z an enclosure of Phi(x) + Rem.
template <class T>
std::vector<T> coordinates(const Mat<T>& m, const std::vector<T>& r, const std::vector<T>& z, const LohnerSet<T>& next) {
  Mat<T> inv = gauss_inverse(frame_matrix(next));
  std::vector<T> shift(z.size());
  for (std::size_t i = 0; i < z.size(); ++i) shift[i] = z[i] - Ops<T>::from_q(next.x[i]);
  std::vector<T> out = mat_vec(product(inv, m), r), s = mat_vec(inv, shift);
  for (std::size_t i = 0; i < out.size(); ++i) out[i] += s[i];
  return out;
}

}  // namespace lohner
}  // namespace flowcert
