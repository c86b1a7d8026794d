#include "flowcert/linalg/spectral_mp.hpp"

#include <boost/multiprecision/eigen.hpp>
#include <Eigen/SVD>
#include <algorithm>
#include <numeric>

namespace flowcert {
namespace {

using M = Eigen::Matrix<mp, Eigen::Dynamic, Eigen::Dynamic>;

M to_eigen(const Mat<mp>& a) {
  M m(static_cast<Eigen::Index>(a.rows), static_cast<Eigen::Index>(a.cols));
  for (std::size_t i = 0; i < a.rows; ++i)
    for (std::size_t j = 0; j < a.cols; ++j) m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = a(i, j);
  return m;
}

Mat<mp> from_eigen(const M& m) {
  Mat<mp> a = Mat<mp>::sized(static_cast<std::size_t>(m.rows()), static_cast<std::size_t>(m.cols()));
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) a(static_cast<std::size_t>(i), static_cast<std::size_t>(j)) = m(i, j);
  return a;
}

// Flips column i (of each matrix given) where the first matrix's entry (i, i) is negative.
void fix_signs(M& first, M* second) {
  for (Eigen::Index i = 0; i < std::min(first.rows(), first.cols()); ++i)
    if (first(i, i) < 0) {
      first.col(i) *= -1;
      if (second && i < second->cols()) second->col(i) *= -1;
    }
}

}  // namespace

std::vector<mp> singular_values(const Mat<mp>& a) {
  Eigen::JacobiSVD<M> svd(to_eigen(a));
  const auto& s = svd.singularValues();
  return std::vector<mp>(s.data(), s.data() + s.size());
}

// Cyclic Jacobi rotations (each zeroes one off-diagonal pair) until the off-diagonal mass is below the
// working precision relative to the matrix norm; accurate to high relative precision for graded matrices.
SymEigen symmetric_eigen(const Mat<mp>& x) {
  if (x.scalar || x.rows != x.cols) throw ShapeError("eigsym needs a square matrix, got " + x.shape());
  const std::size_t n = x.rows;
  M a = to_eigen(x);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < i; ++j) {
      const mp& u = a(Eigen::Index(i), Eigen::Index(j));
      const mp& w = a(Eigen::Index(j), Eigen::Index(i));
      if (bmp::abs(mp(u - w)) > (bmp::abs(u) + bmp::abs(w)) * mp(1e-10))
        throw DomainError("eigsym: the matrix is not symmetric at (" + std::to_string(i) + ", " + std::to_string(j) + ")");
    }
  M v = M::Identity(a.rows(), a.cols());
  const mp eps = bmp::pow(mp(2), -static_cast<long>(mpfr_get_prec(a(0, 0).backend().data())));
  bool converged = false;
  for (int sweep = 0; sweep < 100 && !converged; ++sweep) {
    converged = true;
    for (Eigen::Index p = 0; p < a.rows(); ++p)
      for (Eigen::Index q = p + 1; q < a.rows(); ++q) {
        const mp apq = a(p, q);
        if (bmp::abs(apq) <= eps * bmp::sqrt(bmp::abs(mp(a(p, p) * a(q, q))))) continue;
        converged = false;
        // The rotation angle that zeroes a(p, q): t = tan(theta), the smaller root of t^2 + 2 tau t - 1 = 0.
        const mp tau = (a(q, q) - a(p, p)) / (2 * apq);
        const mp t = (tau >= 0 ? mp(1) : mp(-1)) / (bmp::abs(tau) + bmp::sqrt(mp(1 + tau * tau)));
        const mp c = 1 / bmp::sqrt(mp(1 + t * t)), s = t * c;
        for (Eigen::Index k = 0; k < a.rows(); ++k) {
          const mp akp = a(k, p), akq = a(k, q);
          a(k, p) = c * akp - s * akq;
          a(k, q) = s * akp + c * akq;
        }
        for (Eigen::Index k = 0; k < a.rows(); ++k) {
          const mp apk = a(p, k), aqk = a(q, k);
          a(p, k) = c * apk - s * aqk;
          a(q, k) = s * apk + c * aqk;
        }
        for (Eigen::Index k = 0; k < v.rows(); ++k) {
          const mp vkp = v(k, p), vkq = v(k, q);
          v(k, p) = c * vkp - s * vkq;
          v(k, q) = s * vkp + c * vkq;
        }
      }
  }
  if (!converged) throw DomainError("eigsym: Jacobi sweeps did not converge");
  std::vector<Eigen::Index> order(n);
  std::iota(order.begin(), order.end(), Eigen::Index(0));
  std::stable_sort(order.begin(), order.end(), [&](Eigen::Index i, Eigen::Index j) { return bmp::abs(a(i, i)) > bmp::abs(a(j, j)); });
  M vec(a.rows(), a.cols()), val(a.rows(), 1);
  for (std::size_t k = 0; k < n; ++k) {
    vec.col(Eigen::Index(k)) = v.col(order[k]);
    val(Eigen::Index(k), 0) = a(order[k], order[k]);
  }
  fix_signs(vec, nullptr);
  return {from_eigen(vec), from_eigen(val)};
}

SvdVectors singular_vectors(const Mat<mp>& a) {
  if (a.scalar) throw ShapeError("svdu/svdv need a matrix");
  M m = to_eigen(a);
  Eigen::JacobiSVD<M> svd(m, Eigen::ComputeFullU | Eigen::ComputeFullV);
  M u = svd.matrixU(), v = svd.matrixV();
  // Flip u_i and v_i together (A v_i = s_i u_i is kept).
  fix_signs(u, &v);
  return {from_eigen(u), from_eigen(v)};
}

}  // namespace flowcert
