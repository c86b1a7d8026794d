// The scalar arithmetics against each other: MPFR values lie in the MPFI and Arb enclosures, enclosures
// are tight, exact rationals refuse what they cannot do exactly.
#include <boost/test/unit_test.hpp>

#include "flowcert/num/interval_ops.hpp"
#include "flowcert/num/ops.hpp"

using namespace flowcert;

BOOST_AUTO_TEST_SUITE(scalars)

namespace {
bool contains(const iv& x, const mp& v) {
  auto d = x.backend().data();
  return mpfr_cmp(&d->left, v.backend().data()) <= 0 && mpfr_cmp(v.backend().data(), &d->right) <= 0;
}
double width(const iv& x) {
  auto d = x.backend().data();
  mp w;
  mpfr_sub(w.backend().data(), &d->right, &d->left, MPFR_RNDU);
  return w.convert_to<double>();
}
}  // namespace

BOOST_AUTO_TEST_CASE(mpfr_interval_and_ball_agree_on_elementary_functions) {
  PrecisionScope p(60);
  Ball::precision() = 200;
  const Q inputs[] = {Q(1, 3), Q(5, 4), Q(-7, 2), Q(1, 1000)};
  for (const Q& q : inputs) {
    mp x = Ops<mp>::from_q(q);
    iv X = Ops<iv>::from_q(q);
    Ball B = Ops<Ball>::from_q(q);
    BOOST_TEST(contains(Ops<iv>::exp(X), Ops<mp>::exp(x)));
    BOOST_TEST(contains(Ops<iv>::tanh(X), Ops<mp>::tanh(x)));
    BOOST_TEST(width(Ops<iv>::exp(X)) < 1e-55);
    Ball d = Ops<Ball>::exp(B) - Ops<Ball>::from_q(Q(Ops<mp>::exp(x).convert_to<double>()));
    BOOST_TEST(std::abs(Ops<Ball>::to_double(d)) < 1e-15);
    if (q > 0) {
      BOOST_TEST(contains(Ops<iv>::log(X), Ops<mp>::log(x)));
      BOOST_TEST(contains(Ops<iv>::sqrt(X), Ops<mp>::sqrt(x)));
    }
  }
}

BOOST_AUTO_TEST_CASE(exact_powers_with_integer_exponents) {
  BOOST_TEST(Ops<Q>::pow(Q(2), Q(3)) == Q(8));
  BOOST_TEST(Ops<Q>::pow(Q(-2, 3), Q(-2)) == Q(9, 4));
  BOOST_CHECK_THROW(Ops<Q>::pow(Q(2), Q(1, 3)), DomainError);
  BOOST_CHECK_THROW(Ops<Q>::pow(Q(0), Q(-1)), DomainError);
}

BOOST_AUTO_TEST_CASE(interval_ei_goes_through_arb) {
  PrecisionScope p(60);
  for (const Q& q : {Q(3, 10), Q(12, 5), Q(-1, 2), Q(40)}) {
    iv e = Ops<iv>::ei(Ops<iv>::from_q(q));
    BOOST_TEST(contains(e, Ops<mp>::ei(Ops<mp>::from_q(q))));
    BOOST_TEST(width(e) < 1e-50 * std::max(1.0, std::abs(Ops<mp>::ei(Ops<mp>::from_q(q)).convert_to<double>())));
  }
  // An independent value: mpmath.ei(mpf(3)/10) at 30 digits.
  iv e = Ops<iv>::ei(Ops<iv>::from_q(Q(3, 10)));
  mp mid;
  mpfi_mid(mid.backend().data(), e.backend().data());
  BOOST_TEST(bmp::abs(mid - mp("-0.302668539265825884468136901537")).convert_to<double>() < 1e-29);
  iv wide;
  mpfi_interv_d(wide.backend().data(), -1e-3, 1e-3);
  BOOST_CHECK_THROW(Ops<iv>::ei(wide), DomainError);  // the log singularity at 0
}

BOOST_AUTO_TEST_CASE(interval_even_powers_are_tight) {
  PrecisionScope p(30);
  iv x = Ops<iv>::from_q(Q(-1)) ;
  iv y = Ops<iv>::max(x, Ops<iv>::from_q(Q(1)));  // [1, 1]
  BOOST_TEST(Ops<iv>::sign(y) == 1);
  // [-1, 2]^2 must be [0, 4], not [-2, 4].
  iv hull;
  mpfi_interv_si(hull.backend().data(), -1, 2);
  iv sq = Ops<iv>::powi(hull, 2);
  BOOST_TEST(mpfr_sgn(&sq.backend().data()->left) == 0);
  BOOST_TEST(Ops<iv>::sign(hull) == kUnknownSign);
  // The same for balls: (0 +- 1)^2 stays >= 0, so sqrt(sum of squares) of balls around 0 is defined.
  Ball::precision() = 100;
  Ball around0 = IntervalOps<Ball>::from_bounds(Q(-1), Q(1));
  Ball bsq = Ops<Ball>::powi(around0, 2);
  BOOST_TEST(arb_is_nonnegative(bsq.get()));
  BOOST_TEST(Ops<Ball>::to_double(Ops<Ball>::sqrt(bsq + Ops<Ball>::powi(around0, 4))) <= 1.5);
  BOOST_TEST(!arb_is_nonnegative(Ops<Ball>::powi(around0, 3).get()));
}

BOOST_AUTO_TEST_CASE(domain_errors) {
  PrecisionScope p(30);
  BOOST_CHECK_THROW(Ops<mp>::log(mp(-1)), DomainError);
  BOOST_CHECK_THROW(Ops<mp>::div(mp(1), mp(0)), DomainError);
  iv straddle;
  mpfi_interv_si(straddle.backend().data(), -1, 1);
  BOOST_CHECK_THROW(Ops<iv>::div(iv(1), straddle), DomainError);
  BOOST_CHECK_THROW(Ops<iv>::log(straddle), DomainError);
  BOOST_CHECK_THROW(Ops<Q>::exp(Q(1)), DomainError);
  BOOST_TEST(Ops<Q>::sqrt(Q(9, 4)) == Q(3, 2));
  BOOST_CHECK_THROW(Ops<Q>::sqrt(Q(2)), DomainError);
  BOOST_CHECK_THROW(Ops<mp>::to_long(mp(1) / 3), DomainError);
  BOOST_TEST(Ops<Q>::to_long(Q(12)) == 12);
}

BOOST_AUTO_TEST_CASE(precision_scope_restores) {
  unsigned before = mp::default_precision();
  {
    PrecisionScope p(123);
    BOOST_TEST(mp::default_precision() == 123u);
    mp x = Ops<mp>::pi();
    BOOST_TEST(x.precision() >= 123u);
  }
  BOOST_TEST(mp::default_precision() == before);
}

BOOST_AUTO_TEST_SUITE_END()
