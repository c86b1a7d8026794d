// The flow engine: Taylor coefficients by automatic differentiation, both integrators against closed
// forms, log time over huge horizons, matrix-valued states.
#include <boost/test/unit_test.hpp>

#include "flowcert/num/decimal.hpp"
#include "flowcert/ode/integrator.hpp"
#include "flowcert/ode/taylor_jet.hpp"

using namespace flowcert;

BOOST_AUTO_TEST_SUITE(ode)

namespace {
OdeSystem system1(const std::string& field, bool log_time = false, std::vector<std::string> inputs = {}) {
  OdeSpec s;
  s.field = {{"y", field}};
  s.log_time = log_time;
  return compile_ode(s, DefTable{}, inputs);
}
double digits_between(const mp& a, const mp& b) {
  mp d = bmp::abs(a - b);
  if (d == 0) return 1000;
  return -bmp::log10(d / bmp::abs(b)).convert_to<double>();
}
}  // namespace

BOOST_AUTO_TEST_CASE(taylor_coefficients_of_known_solutions) {
  PrecisionScope p(40);
  // y' = y, y(0) = 1: y_k = 1/k!.  y' = y^2, y(0) = 1: y = 1/(1 - t), y_k = 1.
  OdeSystem e = system1("y");
  TaylorJet<mp> je(e, {});
  auto ce = je.expand({Mat<mp>::of_scalar(mp(1))}, mp(0), 12);
  mp fact(1);
  for (int k = 0; k <= 12; ++k) {
    if (k) fact *= k;
    BOOST_TEST(digits_between(ce[static_cast<std::size_t>(k)][0].v[0], mp(1) / fact) > 38);
  }
  OdeSystem q = system1("y^2");
  TaylorJet<mp> jq(q, {});
  auto cq = jq.expand({Mat<mp>::of_scalar(mp(1))}, mp(0), 10);
  for (int k = 0; k <= 10; ++k) BOOST_TEST(digits_between(cq[static_cast<std::size_t>(k)][0].v[0], mp(1)) > 38);
  // exp, log, division and t in one field: y' = exp(-t)/y has y = sqrt(3 - 2 exp(-t)) from y(0) = 1.
  OdeSystem m = system1("exp(-t)/y");
  IntegrationOptions opt;
  opt.tol_digits = 38;
  auto r = taylor_integrate(m, {}, {Mat<mp>::of_scalar(mp(1))}, mp(0), {mp(2)}, opt);
  BOOST_TEST(digits_between(r.states[0][0].v[0], bmp::sqrt(3 - 2 * bmp::exp(mp(-2)))) > 36);
}

BOOST_AUTO_TEST_CASE(both_integrators_reach_the_tolerance) {
  PrecisionScope p(45);
  // Logistic y' = y (1 - y): y = 1 / (1 + 9 e^{-t}) from y(0) = 0.1.
  OdeSystem s = system1("y*(1 - y)");
  IntegrationOptions opt;
  opt.tol_digits = 40;
  mp exact = 1 / (1 + 9 * bmp::exp(mp(-5)));
  Mat<mp> y0 = Mat<mp>::of_scalar(mp(1) / 10);
  auto rt = taylor_integrate(s, {}, {y0}, mp(0), {mp(5)}, opt);
  auto rg = extrapolation_integrate(s, {}, {y0}, mp(0), {mp(5)}, opt);
  BOOST_TEST(digits_between(rt.states[0][0].v[0], exact) > 38);
  BOOST_TEST(digits_between(rg.states[0][0].v[0], exact) > 38);
  BOOST_TEST(rt.steps < 40);
}

BOOST_AUTO_TEST_CASE(extrapolation_rejects_overflowing_steps) {
  PrecisionScope p(45);
  // x' = (2 - x^2) x from 0.1: x^2 = 2 / (1 + 199 e^{-4t}). The first trial step H = T/8 overflows the
  // midpoint sequences; it must be rejected (it was once accepted with a NaN error estimate).
  OdeSystem s = system1("(2 - y^2)*y");
  IntegrationOptions opt;
  opt.tol_digits = 40;
  auto x = [](const mp& t) { return bmp::sqrt(2 / (1 + 199 * bmp::exp(-4 * t))); };
  auto rg = extrapolation_integrate(s, {}, {Mat<mp>::of_scalar(mp(1) / 10)}, mp(0), {mp(3), mp(85)}, opt);
  BOOST_TEST(digits_between(rg.states[0][0].v[0], x(mp(3))) > 37);
  BOOST_TEST(digits_between(rg.states[1][0].v[0], x(mp(85))) > 37);
  BOOST_TEST(rg.rejected > 0);
}

BOOST_AUTO_TEST_CASE(log_time_reaches_huge_horizons) {
  PrecisionScope p(40);
  // y' = 1/(1 + t): y = log(1 + t); to t = 1e20 in s = log(1 + t) the field is constant.
  OdeSystem s = system1("1/(1 + t)", true);
  IntegrationOptions opt;
  opt.tol_digits = 35;
  auto r = taylor_integrate(s, {}, {Mat<mp>::of_scalar(mp(0))}, mp(0), {mp(bmp::log1p(mp("1e20")))}, opt);
  BOOST_TEST(digits_between(r.states[0][0].v[0], bmp::log1p(mp("1e20"))) > 31);  // tolerance 1e-35 per step
  BOOST_TEST(r.steps < 20);
}

BOOST_AUTO_TEST_CASE(matrix_states_with_mm_and_softmax) {
  PrecisionScope p(35);
  // A matrix flow dW/dt = softmax(W) - mm(W, C), both integrators must agree.
  OdeSpec spec;
  spec.field = {{"W", "softmax(W) - mm(W, C)"}};
  OdeSystem s = compile_ode(spec, DefTable{}, {"C"});
  Mat<Q> c = Mat<Q>::sized(2, 2);
  c.v = {Q(1, 2), Q(1, 3), Q(-1, 4), Q(1)};
  std::vector<std::pair<int, Mat<Q>>> consts = {{s.prog.slot_of("C"), c}};
  Mat<mp> w0 = Mat<mp>::sized(2, 2);
  w0.v = {mp(1), mp(-1) / 2, mp(2) / 3, mp(0)};
  IntegrationOptions opt;
  opt.tol_digits = 32;
  auto rt = taylor_integrate(s, consts, {w0}, mp(0), {mp(1), mp(3)}, opt);
  auto rg = extrapolation_integrate(s, consts, {w0}, mp(0), {mp(1), mp(3)}, opt);
  for (std::size_t k = 0; k < 2; ++k)
    for (std::size_t e = 0; e < 4; ++e) BOOST_TEST(digits_between(rt.states[k][0].v[e], rg.states[k][0].v[e]) > 29);
}

BOOST_AUTO_TEST_CASE(unsupported_field_is_a_clear_error) {
  PrecisionScope p(30);
  OdeSystem s = system1("abs(y)");
  IntegrationOptions opt;
  opt.tol_digits = 25;
  BOOST_CHECK_THROW(taylor_integrate(s, {}, {Mat<mp>::of_scalar(mp(1))}, mp(0), {mp(1)}, opt), DomainError);
}

BOOST_AUTO_TEST_SUITE_END()
