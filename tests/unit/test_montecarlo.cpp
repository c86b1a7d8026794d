// The Monte-Carlo engine of paper 004: normal variates, gates, Benettin and product spectra (double against
// MPFR on the same streams), thread-independence of chains, Holm/Bonferroni, and the montecarlo kind
// accepting a right closed form and refuting a mutated one (flipped sign, changed coefficient).
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "flowcert/num/scalar.hpp"
#include "flowcert/random/chains.hpp"
#include "flowcert/random/gates.hpp"
#include "flowcert/random/multiple_tests.hpp"
#include "flowcert/random/normal.hpp"
#include "flowcert/random/products.hpp"
#include "test_util.hpp"

using namespace flowcert;
using flowcert::test::run_text;

BOOST_AUTO_TEST_SUITE(montecarlo)

BOOST_AUTO_TEST_CASE(ziggurat_normals_have_the_normal_law) {
  CounterStream s(7, 1);
  const int n = 1000000;
  std::vector<double> x(n);
  double m1 = 0, m2 = 0, m4 = 0;
  for (int i = 0; i < n; ++i) {
    x[i] = standard_normal(s);
    m1 += x[i];
    m2 += x[i] * x[i];
    m4 += x[i] * x[i] * x[i] * x[i];
  }
  m1 /= n, m2 /= n, m4 /= n;
  BOOST_TEST(std::abs(m1) < 5 * 1.0 / std::sqrt(n));
  BOOST_TEST(std::abs(m2 - 1) < 5 * std::sqrt(2.0 / n));
  BOOST_TEST(std::abs(m4 - 3) < 5 * std::sqrt(96.0 / n));
  // Kolmogorov-Smirnov against Phi: sqrt(n) D below 1.95 (the 0.1 % point is 1.95).
  std::sort(x.begin(), x.end());
  double d = 0;
  for (int i = 0; i < n; ++i) {
    double phi = 0.5 * std::erfc(-x[i] / std::sqrt(2.0));
    d = std::max({d, std::abs(phi - double(i) / n), std::abs(phi - double(i + 1) / n)});
  }
  BOOST_TEST(std::sqrt(double(n)) * d < 1.95);
  // The tails beyond the ziggurat's base (r = 3.654) are drawn too: P(|X| > 3.654) = 2.58e-4.
  long tail = std::count_if(x.begin(), x.end(), [](double v) { return std::abs(v) > 3.6541528853610088; });
  BOOST_TEST(std::abs(tail - 258.0) < 5 * std::sqrt(258.0));
}

BOOST_AUTO_TEST_CASE(gates_and_rank_conditioning) {
  CounterStream s(3, 9);
  std::vector<int> kept;
  long ge = 0, total = 20000;
  for (long k = 0; k < total; ++k) {
    conditioned_gate(s, 8, 0.4, 3, kept);
    BOOST_TEST_REQUIRE(kept.size() >= 3u);
    ge += kept.size() >= 5;
  }
  // P(T >= 5 | T >= 3) for T ~ Bin(8, 0.4).
  const double want = binomial_tail(8, 0.4, 5) / binomial_tail(8, 0.4, 3);
  BOOST_TEST(std::abs(double(ge) / total - want) < 5 * std::sqrt(want * (1 - want) / total));
  BOOST_CHECK_THROW(conditioned_gate(s, 128, 0.1, 100, kept), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(double_and_mpfr_paths_agree_on_the_same_streams) {
  LayerModel m;
  m.n = 5, m.p = 0.6, m.r = 3, m.sigma = 0.7;
  CounterStream a(11, 2), b(11, 2);
  std::vector<double> d = lyapunov_sums<double>(m, 3, 200, a);
  PrecisionScope scope(50);
  std::vector<mp> q = lyapunov_sums<mp>(m, 3, 200, b);
  for (int i = 0; i < 3; ++i) BOOST_TEST(std::abs(d[i] - static_cast<double>(q[i])) < 1e-10);
  // Product spectra over a dynamic range of e^-60 (s_4/s_1), far below double epsilon: still relative 1e-10.
  LayerModel g;
  g.n = 4;
  CounterStream c(5, 3), e(5, 3);
  ProductSpectrum<double> pd = product_spectrum<double>(g, 40, c);
  ProductSpectrum<mp> pm = product_spectrum<mp>(g, 40, e);
  BOOST_TEST(pd.log_s[0] - pd.log_s[3] > 30);
  for (int i = 0; i < 4; ++i) {
    BOOST_TEST(std::abs(pd.log_s[i] - static_cast<double>(pm.log_s[i])) < 1e-9);
    BOOST_TEST(std::abs(pd.log_r[i] - static_cast<double>(pm.log_r[i])) < 1e-9);
  }
  // s_1 ... s_n = |det J| = prod R_ii exactly (p = 1): the sums of logs agree.
  double sum_s = 0, sum_r = 0;
  for (int i = 0; i < 4; ++i) sum_s += pd.log_s[i], sum_r += pd.log_r[i];
  BOOST_TEST(std::abs(sum_s - sum_r) < 1e-9);
}

// n >= 32 in double takes the Q-free path (reflectors applied blocked to W^T) for k > n/2 exponents, the
// GEMM-and-form-Q path otherwise; with k >= 48 reflectors Eigen applies them in blocks. Gated (rows of the
// state dropped) and ungated, both must agree with the MPFR loop, which forms Q explicitly, on the same streams.
BOOST_AUTO_TEST_CASE(blocked_double_path_agrees_with_mpfr) {
  struct Case {
    int n, k, r;
    double p;
  };
  for (const Case& c : {Case{48, 48, 0, 1.0}, Case{64, 52, 52, 0.85}, Case{40, 24, 24, 0.9}, Case{40, 3, 5, 0.5}}) {
    LayerModel m;
    m.n = c.n, m.p = c.p, m.r = c.r, m.sigma = 1.3 / std::sqrt(double(c.n));
    CounterStream a(7, 5), b(7, 5);
    std::vector<double> d = lyapunov_sums<double>(m, c.k, 8, a);
    PrecisionScope scope(40);
    std::vector<mp> q = lyapunov_sums<mp>(m, c.k, 8, b);
    BOOST_TEST(a.counter() == b.counter());  // the same draws
    double worst = 0;
    for (int i = 0; i < c.k; ++i) worst = std::max(worst, std::abs(d[i] - static_cast<double>(q[i])));
    BOOST_TEST(worst < 1e-10, "n = " << c.n << ", k = " << c.k << ": max |double - MPFR| = " << worst);
  }
}

BOOST_AUTO_TEST_CASE(rank_drops_give_exact_zeros) {
  LayerModel m;
  m.n = 6, m.p = 0.5, m.r = 0;
  CounterStream s(1, 4);
  ProductSpectrum<double> ps = product_spectrum<double>(m, 10, s);
  for (int i = 0; i < 6; ++i) BOOST_TEST(std::isinf(ps.log_s[i]) == (i >= ps.rank));
  BOOST_TEST(ps.rank < 6);
}

BOOST_AUTO_TEST_CASE(chains_do_not_depend_on_threads) {
  LayerModel m;
  m.n = 4, m.p = 0.5, m.r = 2;
  ChainFn fn = [&](long c) {
    CounterStream s(99, static_cast<std::uint64_t>(c));
    return lyapunov_sums<double>(m, 2, 100, s);
  };
  auto one = run_chains(16, 1, fn), two = run_chains(16, 2, fn);
  BOOST_TEST(one == two);  // bit-identical
  ChainSummary a = summarize_chains(one), b = summarize_chains(two);
  BOOST_TEST(a.mean == b.mean);
  BOOST_TEST(a.se == b.se);
}

BOOST_AUTO_TEST_CASE(holm_and_bonferroni) {
  std::vector<ZTest> t(3);
  double ps[3] = {0.0001, 0.0004, 0.03};
  for (int i = 0; i < 3; ++i) t[i].p = ps[i];
  // Holm at 0.001: 0.0001 <= 0.001/3, 0.0004 <= 0.001/2, then 0.03 > 0.001: two rejections.
  BOOST_TEST(apply_correction(t, 0.001, "holm") == 2);
  for (auto& x : t) x.rejected = false;
  // Bonferroni: only p <= 0.001/3.
  BOOST_TEST(apply_correction(t, 0.001, "bonferroni") == 1);
  ZTest one;
  one.estimate = 1, one.se = 0.1, one.target = 0.5, one.side = Side::AtMost;
  compute_z(one);
  BOOST_TEST(one.z == 5, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(one.p < 1e-6);
  BOOST_TEST(bonferroni_threshold(0.05, 1) == 1.959964, boost::test_tools::tolerance(1e-5));
}

namespace {
std::string mc_claim(const std::string& predict, const std::string& estimator = "lyapunov", const std::string& extra = "") {
  return "[[claim]]\nid = \"M\"\nexpect = \"consistent\"\nkind = \"montecarlo\"\nparams = { n = 4, p = \"1/2\", r = 2 }\n"
         "defs = { sigma = \"1\", ii = \"range(1, 2)\", tt = \"transpose(range(r, n))\", Bw = \"binom(n, tt)*p^tt*(1-p)^(n-tt)\" }\n"
         "montecarlo = { estimator = \"" + estimator + "\", chains = 200, depth = 1000 " + extra + "}\n"
         "predict = \"" + predict + "\"\nindices = \"ii\"\n";
}
// Lemma C.5 for (n, p, r) = (4, 1/2, 2).
const std::string kGamma = "log(sqrt(2)*sigma) + mm(Bw*psi((tt - ii + 1)/2), ones(3, 1))/(2*sum(Bw))";
}  // namespace

BOOST_AUTO_TEST_CASE(kind_accepts_the_closed_form_and_refutes_mutations) {
  auto ok = run_text(mc_claim(kGamma));
  BOOST_TEST(to_string(ok.verdict) == "consistent");
  BOOST_TEST(ok.checks[0].summary.find("max |z|") != std::string::npos);
  BOOST_TEST(ok.checks[0].summary.find("SE") != std::string::npos);
  BOOST_TEST(!ok.checks[0].values.empty());
  BOOST_TEST(ok.checks[0].values[0].se > 0);
  // Changed coefficient (1/2 -> 1/2.2 in front of the digamma mean) and flipped sign of the digamma term.
  auto coeff = run_text(mc_claim("log(sqrt(2)*sigma) + mm(Bw*psi((tt - ii + 1)/2), ones(3, 1))/(2.2*sum(Bw))"));
  BOOST_TEST(to_string(coeff.verdict) == "refuted");
  BOOST_TEST(coeff.checks[0].summary.find("z = ") != std::string::npos);
  auto sign = run_text(mc_claim("log(sqrt(2)*sigma) - mm(Bw*psi((tt - ii + 1)/2), ones(3, 1))/(2*sum(Bw))"));
  BOOST_TEST(to_string(sign.verdict) == "refuted");
  // Rem. 5.5's approximation (Z_r -> 1) at Z_2 = 11/16: refuted.
  auto approx = run_text(mc_claim("log(sqrt(2)*sigma) + mm(Bw*psi((tt - ii + 1)/2), ones(3, 1))/2"));
  BOOST_TEST(to_string(approx.verdict) == "refuted");
}

BOOST_AUTO_TEST_CASE(kind_one_sided_bounds_and_bad_input) {
  // S4-N2 at n = 4: 0 <= E P_i <= d_i; a bound moved inside the distribution (d_i / 3) is refuted.
  const std::string dd = "mm(min(relu(ii - transpose(range(1, n)) + 1), 1), (psi((n - range(1, n) + 1)/2) - psi(range(1, n)/2))/2)";
  auto body = [&](const std::string& upper) {
    return "[[claim]]\nid = \"B\"\nexpect = \"consistent\"\nkind = \"montecarlo\"\nparams = { n = 4 }\ndefs = { ii = \"range(1, 3)\" }\n"
           "montecarlo = { estimator = \"finite_depth\", statistic = \"partial\", chains = 4000, depth = 16 }\n"
           "lower = \"zeros(3)\"\nupper = \"" + upper + "\"\nindices = \"ii\"\n";
  };
  BOOST_TEST(to_string(run_text(body(dd)).verdict) == "consistent");
  BOOST_TEST(to_string(run_text(body(dd + "/3")).verdict) == "refuted");
  // Asking for gamma_3 with r = 2 is an input error (it is -infinity), not a verdict.
  BOOST_CHECK_THROW(run_text(mc_claim(kGamma).replace(mc_claim(kGamma).find("range(1, 2)"), 11, "range(1, 3)")), InputError);
  // A prediction of the wrong length is an input error naming the point.
  BOOST_CHECK_THROW(run_text(mc_claim("vec(1, 2, 3)")), InputError);
}

BOOST_AUTO_TEST_CASE(new_builtins) {
  // psi at half-integers: psi(1/2) = -gamma_E - 2 ln 2; binom; det; chol; rank (exact only).
  auto v = run_text("[[claim]]\nid = \"P\"\nexpect = \"verified\"\nkind = \"inequality\"\n"
                    "holds = \"abs(psi(1/2) + Euler + 2*log(2)) + abs(binom(10, 3) - 120) + abs(det(vcat(hcat(2, 1), hcat(1, 3))) - 5) < 1e-40\"\n");
  BOOST_TEST(to_string(v.verdict) == "verified");
  auto r = run_text("[[claim]]\nid = \"R\"\nexpect = \"certified\"\nkind = \"exact\"\n"
                    "holds = \"rank(mm(vcat(hcat(1, 2), hcat(2, 4)), eye(2))) + rank(eye(3)) == 4\"\n");
  BOOST_TEST(to_string(r.verdict) == "certified");
  auto e = run_text("[[claim]]\nid = \"E\"\nexpect = \"verified\"\nkind = \"identity\"\n"
                    "defs = { X = \"vcat(hcat(2, 1, 0), hcat(1, 3, 1), hcat(0, 1, 4))\" }\n"
                    "lhs = \"mm(eigsym(X), mm(diag(eigvalsym(X)), transpose(eigsym(X))))\"\nrhs = \"X + 0*chol(X)\"\n");
  BOOST_TEST(to_string(e.verdict) == "verified");
}

BOOST_AUTO_TEST_SUITE_END()
