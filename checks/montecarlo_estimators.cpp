#include "checks/montecarlo_estimators.hpp"

#include <Eigen/Dense>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "flowcert/num/scalar.hpp"
#include "flowcert/random/gates.hpp"
#include "flowcert/random/normal.hpp"
#include "flowcert/random/products.hpp"

namespace flowcert {
namespace {

constexpr double kMinusInf = -std::numeric_limits<double>::infinity();

long max_entry(const McSetting& s) {
  long m = 0;
  for (long e : s.entries) m = std::max(m, e);
  return m;
}

Eigen::MatrixXd gaussian(CounterStream& st, long rows, long cols, double sigma) {
  Eigen::MatrixXd g(rows, cols);
  for (long i = 0; i < rows; ++i)
    for (long j = 0; j < cols; ++j) g(i, j) = sigma * standard_normal(st);
  return g;
}

// Haar orthogonal: Q of the QR decomposition of a Gaussian matrix with the signs of diag(R) made positive.
Eigen::MatrixXd haar(CounterStream& st, long n) {
  Eigen::HouseholderQR<Eigen::MatrixXd> qr(gaussian(st, n, n, 1.0));
  Eigen::MatrixXd q = qr.householderQ();
  for (long i = 0; i < n; ++i)
    if (qr.matrixQR()(i, i) < 0) q.col(i) *= -1.0;
  return q;
}

template <class T>
std::vector<double> product_values(const McSetting& s, CounterStream& st) {
  ProductSpectrum<T> ps = product_spectrum<T>(s.model, s.depth, st);
  auto d = [](const T& x) { return static_cast<double>(x); };
  std::vector<double> out;
  double partial = 0;
  long next = 1;
  for (long i : s.entries) {
    const std::size_t k = static_cast<std::size_t>(i - 1);
    const double ls = d(ps.log_s[k]);
    if (s.statistic == "zero") { out.push_back(std::isinf(ls) ? 1.0 : 0.0); continue; }
    if (s.statistic == "logs") { out.push_back(ls / static_cast<double>(s.depth)); continue; }
    if (s.statistic == "Y") { out.push_back(std::isinf(ls) ? kMinusInf : d(T(ps.log_s[k] - ps.log_r[k]))); continue; }
    // partial: sum_{j <= i} Y_j, accumulated over the entries in order (they must be increasing).
    for (; next <= i; ++next) {
      const std::size_t j = static_cast<std::size_t>(next - 1);
      partial = std::isinf(d(ps.log_s[j])) || std::isinf(partial) ? kMinusInf : partial + d(T(ps.log_s[j] - ps.log_r[j]));
    }
    out.push_back(partial);
  }
  return out;
}

}  // namespace

void validate_setting(const McSetting& s) {
  s.model.validate();
  if (s.entries.empty()) throw std::invalid_argument("no entries to estimate");
  const long n = s.model.n;
  for (long e : s.entries) {
    long lo = s.estimator == "rank_law" ? 0 : 1;
    if (e < lo || e > n) throw std::invalid_argument("entry " + std::to_string(e) + " is outside " + std::to_string(lo) + ".." + std::to_string(n));
  }
  if (s.depth < 1 || s.depth > 100000000) throw std::invalid_argument("depth must be in 1..1e8");
  if (s.estimator == "lyapunov" && s.model.p < 1 && max_entry(s) > s.model.r)
    throw std::invalid_argument("gamma_i for i > r is -infinity (Thm. 5.3): ask for i <= r = " + std::to_string(s.model.r));
  if (s.estimator == "finite_depth" && s.statistic == "partial")
    for (std::size_t k = 1; k < s.entries.size(); ++k)
      if (s.entries[k] <= s.entries[k - 1]) throw std::invalid_argument("partial sums need increasing entries");
  if (s.estimator == "wishart" && (s.t < 1 || s.t > n)) throw std::invalid_argument("wishart needs 1 <= t <= n");
  if (s.mpfr && s.estimator != "lyapunov" && s.estimator != "finite_depth")
    throw std::invalid_argument("arithmetic = \"mpfr\" is available for lyapunov and finite_depth only");
}

ChainFn make_chain_fn(const McSetting& s, std::uint64_t key) {
  validate_setting(s);
  const std::string& e = s.estimator;
  if (e == "lyapunov")
    return [s, key](long c) {
      CounterStream st(key, static_cast<std::uint64_t>(c));
      const int k = static_cast<int>(max_entry(s));
      std::vector<double> sums;
      if (s.mpfr) {
        PrecisionScope scope(s.digits);
        for (const mp& x : lyapunov_sums<mp>(s.model, k, s.depth, st)) sums.push_back(static_cast<double>(x));
      } else {
        sums = lyapunov_sums<double>(s.model, k, s.depth, st);
      }
      std::vector<double> out;
      for (long i : s.entries) out.push_back(sums[static_cast<std::size_t>(i - 1)] / static_cast<double>(s.depth));
      return out;
    };
  if (e == "finite_depth")
    return [s, key](long c) {
      CounterStream st(key, static_cast<std::uint64_t>(c));
      if (s.mpfr) {
        PrecisionScope scope(s.digits);
        return product_values<mp>(s, st);
      }
      return product_values<double>(s, st);
    };
  if (e == "haar_minor")
    return [s, key](long c) {
      CounterStream st(key, static_cast<std::uint64_t>(c));
      Eigen::MatrixXd q = haar(st, s.model.n);
      std::vector<double> out;
      for (long i : s.entries) {
        const double det = q.topLeftCorner(i, i).partialPivLu().determinant();
        out.push_back(det == 0 ? std::numeric_limits<double>::infinity() : -std::log(std::abs(det)));
      }
      return out;
    };
  if (e == "wishart")
    return [s, key](long c) {
      // Y = D W with D keeping t rows: only those t rows of W enter; log||Y e_1 ^ ... ^ Y e_i|| is the sum of
      // log|R_kk|, k <= i, of the QR decomposition of its first columns (-inf once i > t).
      CounterStream st(key, static_cast<std::uint64_t>(c));
      const long cols = max_entry(s);
      Eigen::HouseholderQR<Eigen::MatrixXd> qr(gaussian(st, s.t, cols, s.model.sigma));
      std::vector<double> out;
      for (long i : s.entries) {
        if (i > s.t) { out.push_back(kMinusInf); continue; }
        double v = 0;
        for (long k = 0; k < i; ++k) v += std::log(std::abs(qr.matrixQR()(k, k)));
        out.push_back(v);
      }
      return out;
    };
  if (e == "rank_law")
    return [s, key](long c) {
      CounterStream st(key, static_cast<std::uint64_t>(c));
      std::vector<int> kept;
      conditioned_gate(st, s.model.n, s.model.p, s.model.r, kept);
      std::vector<double> out;
      for (long t : s.entries) out.push_back(static_cast<long>(kept.size()) == t ? 1.0 : 0.0);
      return out;
    };
  throw std::invalid_argument("unknown estimator " + e);
}

}  // namespace flowcert
