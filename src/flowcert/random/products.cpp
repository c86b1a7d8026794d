#include "flowcert/random/products.hpp"

#include <Eigen/Dense>
#include <boost/multiprecision/eigen.hpp>
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "flowcert/num/scalar.hpp"
#include "flowcert/random/gates.hpp"
#include "flowcert/random/normal.hpp"

namespace flowcert {
namespace {

template <class T>
using MatX = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;

template <class T>
T log_of(const T& x) {
  using std::log;
  return x == 0 ? -std::numeric_limits<double>::infinity() : T(log(x));
}

// Householder QR of the t x c matrix a, in place: returns |R_jj| in rho (j < q = min(t, c)), the q x c
// upper trapezoidal R with its diagonal |R_jj| >= 0 (rows with a negative diagonal flipped together with
// Q's columns), and the thin t x q factor Q. Plain loops, so T may be an MPFR number.
template <class T>
void householder_qr(MatX<T>& a, MatX<T>& q, MatX<T>& r) {
  using std::sqrt;
  const Eigen::Index t = a.rows(), c = a.cols(), k = std::min(t, c);
  std::vector<MatX<T>> vs;
  std::vector<T> betas;
  for (Eigen::Index j = 0; j < k; ++j) {
    T norm2(0);
    for (Eigen::Index i = j; i < t; ++i) norm2 += a(i, j) * a(i, j);
    MatX<T> v = a.block(j, j, t - j, 1);
    T beta(0);
    if (norm2 != 0) {
      T norm = sqrt(norm2);
      T alpha = a(j, j) > 0 ? T(-norm) : norm;
      v(0, 0) -= alpha;
      T vv(0);
      for (Eigen::Index i = 0; i < v.rows(); ++i) vv += v(i, 0) * v(i, 0);
      if (vv != 0) {
        beta = T(2) / vv;
        for (Eigen::Index col = j; col < c; ++col) {
          T d(0);
          for (Eigen::Index i = 0; i < v.rows(); ++i) d += v(i, 0) * a(j + i, col);
          d *= beta;
          for (Eigen::Index i = 0; i < v.rows(); ++i) a(j + i, col) -= d * v(i, 0);
        }
      }
    }
    vs.push_back(std::move(v));
    betas.push_back(beta);
  }
  q = MatX<T>::Identity(t, k);
  for (Eigen::Index j = k - 1; j >= 0; --j) {
    const MatX<T>& v = vs[static_cast<std::size_t>(j)];
    const T& beta = betas[static_cast<std::size_t>(j)];
    if (beta == 0) continue;
    for (Eigen::Index col = 0; col < k; ++col) {
      T d(0);
      for (Eigen::Index i = 0; i < v.rows(); ++i) d += v(i, 0) * q(j + i, col);
      d *= beta;
      for (Eigen::Index i = 0; i < v.rows(); ++i) q(j + i, col) -= d * v(i, 0);
    }
  }
  r = MatX<T>::Zero(k, c);
  for (Eigen::Index i = 0; i < k; ++i)
    for (Eigen::Index j = i; j < c; ++j) r(i, j) = a(i, j);
  for (Eigen::Index i = 0; i < k; ++i)
    if (r(i, i) < 0) {
      r.row(i) *= T(-1);
      q.col(i) *= T(-1);
    }
}

// Large double problems go through Eigen's blocked Householder QR (same factorisation, same signs fixed).
void fast_qr(MatX<double>& a, MatX<double>& q, MatX<double>& r) {
  const Eigen::Index t = a.rows(), c = a.cols(), k = std::min(t, c);
  Eigen::HouseholderQR<MatX<double>> qr(a);
  q = qr.householderQ() * MatX<double>::Identity(t, k);
  r = qr.matrixQR().topRows(k).template triangularView<Eigen::Upper>();
  for (Eigen::Index i = 0; i < k; ++i)
    if (r(i, i) < 0) {
      r.row(i) *= -1.0;
      q.col(i) *= -1.0;
    }
}

template <class T>
void qr(MatX<T>& a, MatX<T>& q, MatX<T>& r) {
  if constexpr (std::is_same_v<T, double>) {
    if (a.rows() >= 32) return fast_qr(a, q, r);
  }
  householder_qr(a, q, r);
}

// One layer applied to the orthonormal state Q (n x c): draws the gate and the kept rows of sigma W,
// returns R (c' x c) and replaces Q by the new n x c' orthonormal factor, c' = min(rank D, c).
template <class T>
MatX<T> layer_step(const LayerModel& m, bool gated, MatX<T>& state, CounterStream& s, std::vector<int>& kept) {
  if (gated) conditioned_gate(s, m.n, m.p, m.r, kept);
  else {
    kept.resize(static_cast<std::size_t>(m.n));
    for (int i = 0; i < m.n; ++i) kept[static_cast<std::size_t>(i)] = i;
  }
  const Eigen::Index t = static_cast<Eigen::Index>(kept.size()), n = m.n;
  MatX<double> w(t, n);
  for (Eigen::Index i = 0; i < t; ++i)
    for (Eigen::Index j = 0; j < n; ++j) w(i, j) = m.sigma * standard_normal(s);
  MatX<T> y;
  if constexpr (std::is_same_v<T, double>) y.noalias() = w * state;
  else y = w.template cast<T>() * state;
  MatX<T> q, r;
  qr(y, q, r);
  MatX<T> next = MatX<T>::Zero(n, q.cols());
  for (Eigen::Index i = 0; i < t; ++i) next.row(kept[static_cast<std::size_t>(i)]) = q.row(i);
  state = std::move(next);
  return r;
}

// Singular values of A (rows x cols, rows >= cols) by one-sided Jacobi: rotate column pairs until all are
// orthogonal to working precision; the singular values are then the column norms.
template <class T>
std::vector<T> one_sided_jacobi(MatX<T> a, const T& unit) {
  using std::abs, std::sqrt;
  const Eigen::Index c = a.cols();
  // The dot product of two columns carries a rounding error of about rows * unit * |a_p| |a_q|, so that is
  // the orthogonality a sweep can reach (LAPACK's dgesvj uses sqrt(rows) * unit).
  const T eps = unit * T(static_cast<double>(a.rows()));
  for (int sweep = 0; sweep < 80; ++sweep) {
    bool rotated = false;
    for (Eigen::Index p = 0; p < c; ++p)
      for (Eigen::Index q = p + 1; q < c; ++q) {
        T alpha = a.col(p).squaredNorm(), beta = a.col(q).squaredNorm(), gamma = a.col(p).dot(a.col(q));
        if (gamma == 0 || abs(gamma) <= eps * sqrt(alpha) * sqrt(beta)) continue;  // (alpha beta may underflow)
        rotated = true;
        T zeta = (beta - alpha) / (2 * gamma);
        T tt = (zeta >= 0 ? T(1) : T(-1)) / (abs(zeta) + sqrt(T(1 + zeta * zeta)));
        T cs = 1 / sqrt(T(1 + tt * tt)), sn = cs * tt;
        for (Eigen::Index i = 0; i < a.rows(); ++i) {
          T ap = a(i, p), aq = a(i, q);
          a(i, p) = cs * ap - sn * aq;
          a(i, q) = sn * ap + cs * aq;
        }
      }
    if (!rotated) {
      std::vector<T> s(static_cast<std::size_t>(c));
      for (Eigen::Index j = 0; j < c; ++j) s[static_cast<std::size_t>(j)] = a.col(j).norm();
      std::sort(s.begin(), s.end(), [](const T& x, const T& y) { return x > y; });
      return s;
    }
  }
  throw std::runtime_error("one-sided Jacobi did not converge in 80 sweeps");
}

template <class T>
T unit_roundoff() {
  if constexpr (std::is_same_v<T, double>) return std::numeric_limits<double>::epsilon();
  else return bmp::pow(T(2), -static_cast<long>(mp::default_precision() * 3.33));
}

// The double Benettin loop for small n without allocations: column-major buffers reused across layers,
// Householder QR in place, explicit thin Q, and log|R_ii| accumulated as mantissa/exponent pairs (frexp)
// so that no logarithm is taken per layer. Same draws, in the same order, as layer_step.
std::vector<double> small_lyapunov_sums(const LayerModel& m, int k, long steps, CounterStream& s) {
  const int n = m.n;
  std::vector<double> q(static_cast<std::size_t>(n * k), 0.0), w(static_cast<std::size_t>(n * n)), y(static_cast<std::size_t>(n * k)),
      qt(static_cast<std::size_t>(n * k)), betas(static_cast<std::size_t>(k)), mant(static_cast<std::size_t>(k), 1.0);
  std::vector<long> expo(static_cast<std::size_t>(k), 0);
  for (int j = 0; j < k; ++j) q[static_cast<std::size_t>(j * n + j)] = 1.0;  // Q_0 = [e_1 .. e_k], column-major n x k
  std::vector<int> kept(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) kept[static_cast<std::size_t>(i)] = i;
  for (long l = 0; l < steps; ++l) {
    if (m.p < 1) conditioned_gate(s, n, m.p, m.r, kept);  // p = 1 keeps every row and draws nothing
    const int t = static_cast<int>(kept.size());
    const bool renormalize = (l & 15) == 15 || l + 1 == steps;  // |R_jj| products stay in range for 16 layers
    for (int i = 0; i < t; ++i)
      for (int j = 0; j < n; ++j) w[static_cast<std::size_t>(i * n + j)] = m.sigma * standard_normal(s);
    // y (t x k, column-major) = w (t x n, row-major) * q (n x k, column-major)
    for (int j = 0; j < k; ++j)
      for (int i = 0; i < t; ++i) {
        double acc = 0;
        const double* wr = &w[static_cast<std::size_t>(i * n)];
        const double* qc = &q[static_cast<std::size_t>(j * n)];
        for (int c = 0; c < n; ++c) acc += wr[c] * qc[c];
        y[static_cast<std::size_t>(j * t + i)] = acc;
      }
    // Householder: column j's reflector v = (y_jj - alpha, y_{j+1..t-1, j}) kept in place below the diagonal.
    const int kk = std::min(t, k);
    std::vector<double>& v0 = qt;  // reuse: qt[j] holds v's first entry until Q is formed
    for (int j = 0; j < kk; ++j) {
      double* col = &y[static_cast<std::size_t>(j * t)];
      double norm2 = 0;
      for (int i = j; i < t; ++i) norm2 += col[i] * col[i];
      const double norm = std::sqrt(norm2), alpha = col[j] > 0 ? -norm : norm;
      mant[static_cast<std::size_t>(j)] *= norm;
      if (renormalize) {
        int e;
        mant[static_cast<std::size_t>(j)] = std::frexp(mant[static_cast<std::size_t>(j)], &e);
        expo[static_cast<std::size_t>(j)] += e;
      }
      const double head = col[j] - alpha;
      const double vv = norm2 - col[j] * col[j] + head * head;
      const double beta = vv > 0 ? 2.0 / vv : 0.0;
      betas[static_cast<std::size_t>(j)] = beta;
      col[j] = head;
      for (int c = j + 1; c < k; ++c) {
        double* yc = &y[static_cast<std::size_t>(c * t)];
        double d = 0;
        for (int i = j; i < t; ++i) d += col[i] * yc[i];
        d *= beta;
        for (int i = j; i < t; ++i) yc[i] -= d * col[i];
      }
      v0[static_cast<std::size_t>(j)] = alpha;  // R_jj (not needed further; the slot is overwritten below)
    }
    if (kk < k) throw std::invalid_argument("a gate's rank fell below the number of exponents");
    // Q (t x k) = H_0 ... H_{k-1} [I; 0], then scattered into the kept rows of the n x k state.
    std::fill(qt.begin(), qt.begin() + t * k, 0.0);
    for (int j = 0; j < k; ++j) qt[static_cast<std::size_t>(j * t + j)] = 1.0;
    for (int j = kk - 1; j >= 0; --j) {
      const double* col = &y[static_cast<std::size_t>(j * t)];
      const double beta = betas[static_cast<std::size_t>(j)];
      for (int c = j; c < k; ++c) {
        double* qc = &qt[static_cast<std::size_t>(c * t)];
        double d = 0;
        for (int i = j; i < t; ++i) d += col[i] * qc[i];
        d *= beta;
        for (int i = j; i < t; ++i) qc[i] -= d * col[i];
      }
    }
    std::fill(q.begin(), q.end(), 0.0);
    for (int j = 0; j < k; ++j)
      for (int i = 0; i < t; ++i) q[static_cast<std::size_t>(j * n + kept[static_cast<std::size_t>(i)])] = qt[static_cast<std::size_t>(j * t + i)];
  }
  std::vector<double> sums(static_cast<std::size_t>(k));
  for (int j = 0; j < k; ++j)
    sums[static_cast<std::size_t>(j)] = std::log(mant[static_cast<std::size_t>(j)]) + static_cast<double>(expo[static_cast<std::size_t>(j)]) * std::log(2.0);
  return sums;
}

}  // namespace

template <class T>
std::vector<T> lyapunov_sums(const LayerModel& m, int k, long steps, CounterStream& s) {
  m.validate();
  if (k < 1 || k > m.n) throw std::invalid_argument("number of exponents k must be in 1..n");
  if (m.p < 1 && k > m.r)
    throw std::invalid_argument("exponent " + std::to_string(k) + " > r = " + std::to_string(m.r) +
                                " is -infinity (rank deficient gates); ask for at most r exponents");
  if constexpr (std::is_same_v<T, double>) {
    if (m.n < 32) return small_lyapunov_sums(m, k, steps, s);
  }
  MatX<T> state = MatX<T>::Identity(m.n, k);
  std::vector<T> sums(static_cast<std::size_t>(k), T(0));
  std::vector<int> kept;
  for (long l = 0; l < steps; ++l) {
    MatX<T> r = layer_step<T>(m, true, state, s, kept);
    for (int i = 0; i < k; ++i) sums[static_cast<std::size_t>(i)] += log_of<T>(T(r(i, i)));
  }
  return sums;
}

template <class T>
ProductSpectrum<T> product_spectrum(const LayerModel& m, long depth, CounterStream& s) {
  using std::exp, std::log;
  m.validate();
  if (depth < 1) throw std::invalid_argument("depth must be >= 1");
  const Eigen::Index n = m.n;
  MatX<T> state = MatX<T>::Identity(n, n);
  MatX<T> nmat = MatX<T>::Identity(n, n);  // N: c x n, unit-magnitude diagonal
  std::vector<T> g(static_cast<std::size_t>(n), T(0));
  std::vector<int> kept;
  for (long l = 1; l <= depth; ++l) {
    const bool gated = !(m.fgln && l == depth);
    MatX<T> r = layer_step<T>(m, gated, state, s, kept);  // c' x c
    const Eigen::Index c1 = r.rows(), c0 = r.cols();
    // P' = R P = diag(rho e^g) [diag(e^{-g}) Rhat diag(e^g)] N with Rhat = diag(rho)^{-1} R.
    MatX<T> scaled = MatX<T>::Zero(c1, c0);
    for (Eigen::Index i = 0; i < c1; ++i) {
      const T rho = r(i, i);
      if (rho == 0) throw std::runtime_error("a triangular factor has an exact zero on its diagonal (degenerate draw)");
      for (Eigen::Index j = i; j < c0; ++j) {
        T gap = g[static_cast<std::size_t>(j)] - g[static_cast<std::size_t>(i)];
        if (gap > 700) throw std::runtime_error("graded product out of range (ungraded growth of e^700)");
        scaled(i, j) = r(i, j) / rho * T(exp(gap));
      }
    }
    MatX<T> next = scaled * nmat;
    nmat = std::move(next);
    for (Eigen::Index i = 0; i < c1; ++i) g[static_cast<std::size_t>(i)] += T(log(T(r(i, i))));
    g.resize(static_cast<std::size_t>(c1));
  }
  ProductSpectrum<T> out;
  const Eigen::Index c = nmat.rows();
  out.rank = static_cast<int>(c);
  T gmax = g[0];
  for (const T& x : g) gmax = x > gmax ? x : gmax;
  // (G N)^T = N^T G: column i of N^T scaled by e^{g_i - gmax}.
  MatX<T> a = nmat.transpose();
  for (Eigen::Index i = 0; i < c; ++i) a.col(i) *= T(exp(T(g[static_cast<std::size_t>(i)] - gmax)));
  std::vector<T> sv = one_sided_jacobi<T>(a, unit_roundoff<T>());
  const T minus_inf = T(-std::numeric_limits<double>::infinity());
  for (Eigen::Index i = 0; i < n; ++i) {
    out.log_s.push_back(i < c ? T(log_of<T>(sv[static_cast<std::size_t>(i)]) + gmax) : minus_inf);
    out.log_r.push_back(i < c ? g[static_cast<std::size_t>(i)] : minus_inf);
  }
  return out;
}

template std::vector<double> lyapunov_sums<double>(const LayerModel&, int, long, CounterStream&);
template std::vector<mp> lyapunov_sums<mp>(const LayerModel&, int, long, CounterStream&);
template ProductSpectrum<double> product_spectrum<double>(const LayerModel&, long, CounterStream&);
template ProductSpectrum<mp> product_spectrum<mp>(const LayerModel&, long, CounterStream&);

}  // namespace flowcert
