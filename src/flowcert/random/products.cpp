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

// Householder QR of the t x c column-major array y (leading dimension t), in place: for j < min(t, c), column
// j holds from row j down the reflector v_j = (y_jj - alpha_j, y_{j+1..t-1, j}), betas[j] = 2 / |v_j|^2 (0 when
// there is nothing to reflect) and alphas[j] = R_jj = -sign(y_jj) |y_{j..t-1, j}|; R above the diagonal is left
// in y's upper triangle. Plain loops over raw storage, so T may be an MPFR number and nothing is allocated.
template <class T>
void householder_in_place(T* y, int t, int c, T* betas, T* alphas) {
  using std::sqrt;
  for (int j = 0; j < std::min(t, c); ++j) {
    T* col = y + static_cast<std::ptrdiff_t>(j) * t;
    T norm2(0);
    for (int i = j; i < t; ++i) norm2 += col[i] * col[i];
    const T norm = sqrt(norm2), alpha = col[j] > 0 ? T(-norm) : norm;
    const T head = col[j] - alpha;
    const T vv = norm2 - col[j] * col[j] + head * head;  // |v_j|^2 without a second pass
    const T beta = vv > 0 ? T(T(2) / vv) : T(0);
    betas[j] = beta;
    alphas[j] = alpha;
    col[j] = head;
    for (int cc = j + 1; cc < c; ++cc) {
      T* yc = y + static_cast<std::ptrdiff_t>(cc) * t;
      T d(0);
      for (int i = j; i < t; ++i) d += col[i] * yc[i];
      d *= beta;
      for (int i = j; i < t; ++i) yc[i] -= d * col[i];
    }
  }
}

// The thin factor Q (t x qcols, column-major) = H_0 ... H_{kk-1} [I; 0] from householder_in_place's reflectors.
template <class T>
void householder_form_q(const T* y, int t, int kk, const T* betas, T* q, int qcols) {
  std::fill(q, q + static_cast<std::ptrdiff_t>(t) * qcols, T(0));
  for (int j = 0; j < qcols; ++j) q[static_cast<std::ptrdiff_t>(j) * t + j] = T(1);
  for (int j = kk - 1; j >= 0; --j) {
    const T* col = y + static_cast<std::ptrdiff_t>(j) * t;
    if (betas[j] == 0) continue;
    for (int cc = j; cc < qcols; ++cc) {
      T* qc = q + static_cast<std::ptrdiff_t>(cc) * t;
      T d(0);
      for (int i = j; i < t; ++i) d += col[i] * qc[i];
      d *= betas[j];
      for (int i = j; i < t; ++i) qc[i] -= d * col[i];
    }
  }
}

// QR of the t x c matrix a (overwritten): the thin t x k factor q and the k x c upper trapezoidal r, k = min(t, c),
// with diag(r) >= 0 (rows of r flipped together with q's columns).
template <class T>
void householder_qr(MatX<T>& a, MatX<T>& q, MatX<T>& r) {
  const int t = static_cast<int>(a.rows()), c = static_cast<int>(a.cols()), k = std::min(t, c);
  std::vector<T> betas(static_cast<std::size_t>(k)), alphas(static_cast<std::size_t>(k));
  householder_in_place(a.data(), t, c, betas.data(), alphas.data());
  q.resize(t, k);
  householder_form_q(a.data(), t, k, betas.data(), q.data(), k);
  r = MatX<T>::Zero(k, c);
  for (int i = 0; i < k; ++i) {
    r(i, i) = alphas[static_cast<std::size_t>(i)];
    for (int j = i + 1; j < c; ++j) r(i, j) = a(i, j);
  }
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

// One layer's draws, shared by every Benettin loop so that the double paths and the MPFR one consume a stream
// alike: draw_gate sets the kept rows (every row when ungated; p = 1 draws nothing) and returns their number
// t; draw_weights then fills the t x n values of sigma W's kept rows, row by row (row-major).
int draw_gate(const LayerModel& m, bool gated, CounterStream& s, std::vector<int>& kept) {
  if (gated && m.p < 1) {
    conditioned_gate(s, m.n, m.p, m.r, kept);
  } else {
    kept.resize(static_cast<std::size_t>(m.n));
    for (int i = 0; i < m.n; ++i) kept[static_cast<std::size_t>(i)] = i;
  }
  return static_cast<int>(kept.size());
}

void draw_weights(const LayerModel& m, int t, CounterStream& s, double* w) {
  for (std::ptrdiff_t i = 0, end = static_cast<std::ptrdiff_t>(t) * m.n; i < end; ++i) w[i] = m.sigma * standard_normal(s);
}

// One layer applied to the orthonormal state Q (n x c): draws the gate and the kept rows of sigma W,
// returns R (c' x c) and replaces Q by the new n x c' orthonormal factor, c' = min(rank D, c).
template <class T>
MatX<T> layer_step(const LayerModel& m, bool gated, MatX<T>& state, CounterStream& s, std::vector<int>& kept) {
  const Eigen::Index t = draw_gate(m, gated, s, kept), n = m.n;
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> drawn(t, n);
  draw_weights(m, static_cast<int>(t), s, drawn.data());
  const MatX<double> w = drawn;  // column-major: Eigen's small products round differently per storage order
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

// The double Benettin loop for small n without allocations: column-major buffers reused across layers, the
// same in-place Householder QR and thin Q as householder_qr, and log|R_ii| accumulated as mantissa/exponent pairs (frexp)
// so that no logarithm is taken per layer. Same draws, in the same order, as layer_step.
std::vector<double> small_lyapunov_sums(const LayerModel& m, int k, long steps, CounterStream& s) {
  const int n = m.n;
  std::vector<double> q(static_cast<std::size_t>(n * k), 0.0), w(static_cast<std::size_t>(n * n)), y(static_cast<std::size_t>(n * k)),
      qt(static_cast<std::size_t>(n * k)), betas(static_cast<std::size_t>(k)), alphas(static_cast<std::size_t>(k)),
      mant(static_cast<std::size_t>(k), 1.0);
  std::vector<long> expo(static_cast<std::size_t>(k), 0);
  for (int j = 0; j < k; ++j) q[static_cast<std::size_t>(j * n + j)] = 1.0;  // Q_0 = [e_1 .. e_k], column-major n x k
  std::vector<int> kept(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) kept[static_cast<std::size_t>(i)] = i;
  for (long l = 0; l < steps; ++l) {
    const int t = draw_gate(m, true, s, kept);
    const bool renormalize = (l & 15) == 15 || l + 1 == steps;  // |R_jj| products stay in range for 16 layers
    draw_weights(m, t, s, w.data());  // row-major t x n
    // y (t x k, column-major) = w (t x n, row-major) * q (n x k, column-major)
    for (int j = 0; j < k; ++j)
      for (int i = 0; i < t; ++i) {
        double acc = 0;
        const double* wr = &w[static_cast<std::size_t>(i * n)];
        const double* qc = &q[static_cast<std::size_t>(j * n)];
        for (int c = 0; c < n; ++c) acc += wr[c] * qc[c];
        y[static_cast<std::size_t>(j * t + i)] = acc;
      }
    const int kk = std::min(t, k);
    if (kk < k) throw std::invalid_argument("a gate's rank fell below the number of exponents");
    householder_in_place(y.data(), t, k, betas.data(), alphas.data());
    for (int j = 0; j < k; ++j) {
      mant[static_cast<std::size_t>(j)] *= std::abs(alphas[static_cast<std::size_t>(j)]);
      if (renormalize) {
        int e;
        mant[static_cast<std::size_t>(j)] = std::frexp(mant[static_cast<std::size_t>(j)], &e);
        expo[static_cast<std::size_t>(j)] += e;
      }
    }
    householder_form_q(y.data(), t, k, betas.data(), qt.data(), k);
    std::fill(q.begin(), q.end(), 0.0);
    for (int j = 0; j < k; ++j)
      for (int i = 0; i < t; ++i) q[static_cast<std::size_t>(j * n + kept[static_cast<std::size_t>(i)])] = qt[static_cast<std::size_t>(j * t + i)];
  }
  std::vector<double> sums(static_cast<std::size_t>(k));
  for (int j = 0; j < k; ++j)
    sums[static_cast<std::size_t>(j)] = std::log(mant[static_cast<std::size_t>(j)]) + static_cast<double>(expo[static_cast<std::size_t>(j)]) * std::log(2.0);
  return sums;
}

// The double Benettin loop for n >= 32 and k > n/2 exponents without forming Q: with Y_l = Q_l R_l
// (Householder, Q_l = H_1 ... H_k as reflectors), the next Y_{l+1} = W_{l+1} Q_l is computed as
// Y_{l+1}^T = Q_l^T W_{l+1}^T, the reflectors applied blocked (compact WY, GEMM-rich) to W^T on the left. At
// k = n that costs 2 n^3 flops instead of the GEMM's 2 n^3 plus the 4/3 n^3 of forming Q. The signs of Q's
// columns are not fixed: they flip rows of Y^T, which leaves every |R_ii| unchanged. draw_weights fills W row
// by row, i.e. W^T column by column: the same draws, in the same order, as layer_step. Only the rows of W^T at
// the previous gate's kept rows meet Q_l (the others hit rows of the state that are zero).
std::vector<double> blocked_lyapunov_sums(const LayerModel& m, int k, long steps, CounterStream& s) {
  const int n = m.n;
  MatX<double> wt(n, n), z, y;
  Eigen::HouseholderQR<MatX<double>> qr(n, k);
  Eigen::Matrix<double, 1, Eigen::Dynamic> workspace(n);
  std::vector<int> kept(static_cast<std::size_t>(n)), prev;
  for (int i = 0; i < n; ++i) kept[static_cast<std::size_t>(i)] = i;
  std::vector<double> sums(static_cast<std::size_t>(k), 0.0);
  for (long l = 0; l < steps; ++l) {
    const int t = draw_gate(m, true, s, kept);
    if (t < k) throw std::invalid_argument("a gate's rank fell below the number of exponents");
    wt.resize(n, t);
    draw_weights(m, t, s, wt.data());  // W row-major = W^T column-major
    if (l == 0) {
      y = wt.topRows(k).transpose();  // Q_0 = [e_1 .. e_k]
    } else {
      const bool all_rows = static_cast<int>(prev.size()) == n;
      if (!all_rows) {
        z.resize(static_cast<Eigen::Index>(prev.size()), t);
        for (std::size_t i = 0; i < prev.size(); ++i) z.row(static_cast<Eigen::Index>(i)) = wt.row(prev[i]);
      }
      MatX<double>& target = all_rows ? wt : z;
      qr.householderQ().transpose().applyThisOnTheLeft(target, workspace);
      y = target.topRows(k).transpose();
    }
    qr.compute(y);
    for (int i = 0; i < k; ++i) sums[static_cast<std::size_t>(i)] += std::log(std::abs(qr.matrixQR()(i, i)));
    prev = kept;
  }
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
    // Applying k reflectors to t x t_prev costs about 4 t t_prev k flops, the GEMM W Q plus forming Q about
    // 2 t n k + 4 t k^2: the Q-free path wins only for k > n/2 (and is blocked only from 48 reflectors on).
    if (2 * k > m.n) return blocked_lyapunov_sums(m, k, steps, s);
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
