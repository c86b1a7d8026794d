// Rigorous ODE enclosures: they contain the exact solution, are tight, and their steps re-validate in Arb;
// edited steps do not. Flow certificates round-trip through recheck and reject edits.
#include <boost/test/unit_test.hpp>

#include "flowcert/cert/certificate.hpp"
#include "flowcert/cert/sha256.hpp"
#include "flowcert/num/interval_ops.hpp"
#include "flowcert/ode/enclosure.hpp"
#include "test_util.hpp"

using namespace flowcert;

BOOST_AUTO_TEST_SUITE(ode)

namespace {
OdeSystem logistic() {
  OdeSpec s;
  s.field = {{"y", "y*(1 - y)"}};
  return compile_ode(s, DefTable{}, {});
}
bool contains(const iv& x, const mp& v) {
  auto d = x.backend().data();
  return mpfr_cmp(&d->left, v.backend().data()) <= 0 && mpfr_cmp(v.backend().data(), &d->right) <= 0;
}
}  // namespace

BOOST_AUTO_TEST_CASE(enclosure_contains_the_exact_solution) {
  PrecisionScope p(bits_to_digits(160));
  OdeSystem sys = logistic();
  EnclosureOptions opt;
  opt.bits = 160;
  std::vector<Mat<iv>> y0 = {Mat<iv>::of_scalar(Ops<iv>::from_q(Q(1, 10)))};
  auto steps = enclose_flow<iv>(sys, {}, y0, Q(0), {Q(2), Q(6)}, opt);
  BOOST_REQUIRE(!steps.empty());
  // The stops are hit exactly; y = 1 / (1 + 9 e^{-t}).
  bool hit2 = false;
  for (const auto& s : steps) hit2 = hit2 || s.t1 == Q(2);
  BOOST_TEST(hit2);
  BOOST_TEST(steps.back().t1 == Q(6));
  mp exact = 1 / (1 + 9 * bmp::exp(mp(-6)));
  BOOST_TEST(contains(steps.back().end[0].v[0], exact));
  BOOST_TEST(max_width(steps.back().end) < 1e-40);
  // Every step re-validates in Arb; an edited end does not.
  Ball::precision() = 160;
  auto to_ball = [](const std::vector<Mat<iv>>& box) {
    std::vector<Mat<Ball>> out;
    for (const auto& m : box)
      out.push_back(Mat<Ball>::from(m, [](const iv& x) {
        return IntervalOps<Ball>::from_bounds(parse_exact_decimal(IntervalOps<iv>::lower(x, 60)), parse_exact_decimal(IntervalOps<iv>::upper(x, 60)));
      }));
    return out;
  };
  int order = std::max(10, static_cast<int>(0.25 * 160));
  for (const auto& s : steps) {
    EnclosureStep<Ball> b{s.t0, s.t1, to_ball(s.start), to_ball(s.apriori), to_ball(s.end)};
    BOOST_TEST(validate_step<Ball>(sys, {}, b, order) == "");
  }
  const auto& last = steps.back();
  EnclosureStep<Ball> moved{last.t0, last.t1, to_ball(last.start), to_ball(last.apriori), to_ball(last.end)};
  moved.end[0].v[0] = moved.end[0].v[0] + Ball(Q(1, 1000000000));
  BOOST_TEST(validate_step<Ball>(sys, {}, moved, order) != "");
  EnclosureStep<Ball> small_box = moved;
  small_box.end = to_ball(last.end);
  small_box.apriori = small_box.start;  // a box without room for the flow fails the Picard test
  BOOST_TEST(validate_step<Ball>(sys, {}, small_box, order).find("Picard") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(flow_certificates_round_trip_and_reject_edits) {
  // A Lyapunov claim proved on [0, 3]: the logistic solution from 0.1 increases (y' > 0).
  ClaimResult r = flowcert::test::run_text(R"T(
[[claim]]
id = "LOG"
expect = "certified"
kind = "lyapunov"
rigorous = true
bits = 128
digits = 25
state = { y = "0.1" }
field = { y = "y*(1 - y)" }
times = { to = 3, count = 6 }
holds = "y*(1 - y) > 0"
)T", RunOptions{30, true});
  BOOST_REQUIRE(to_string(r.verdict) == std::string("certified"));
  nlohmann::json c = make_certificate(r);
  BOOST_TEST(c["items"][0]["kind"] == "flow");
  BOOST_TEST(recheck_certificate(c).ok);
  auto reseal = [](nlohmann::json x) {
    x.erase("digest_sha256");
    x["digest_sha256"] = sha256_hex(x.dump());
    return x;
  };
  nlohmann::json field = c;
  field["items"][0]["field"]["y"] = "y*(1 - y)*2";
  BOOST_TEST(recheck_certificate(reseal(field)).lines.back().find("formula hash") != std::string::npos);
  nlohmann::json init = c;
  init["items"][0]["steps"][0]["start"][0]["lo"][0] = "0.2";
  init["items"][0]["steps"][0]["start"][0]["hi"][0] = "0.2";
  BOOST_TEST(!recheck_certificate(reseal(init)).ok);
  nlohmann::json gap = c;
  gap["items"][0]["steps"].erase(1);  // a missing step breaks the chain
  BOOST_TEST(!recheck_certificate(reseal(gap)).ok);
  nlohmann::json cut = c;  // the last step removed, resealed: the steps no longer reach the stated end
  cut["items"][0]["steps"].erase(cut["items"][0]["steps"].size() - 1);
  BOOST_TEST(recheck_certificate(reseal(cut)).lines.back().find("stated end") != std::string::npos);
  nlohmann::json shape = c;  // a stored box with another shape than the state
  shape["items"][0]["steps"][1]["apriori"][0]["rows"] = 2;
  shape["items"][0]["steps"][1]["apriori"][0]["lo"].push_back("0");
  shape["items"][0]["steps"][1]["apriori"][0]["hi"].push_back("1");
  BOOST_TEST(!recheck_certificate(reseal(shape)).ok);
  nlohmann::json nocover = c;
  nocover["items"][0].erase("covers");
  nocover["items"][0]["formula_sha256"] = flow_formula_hash(nocover["items"][0]);
  BOOST_TEST(!recheck_certificate(reseal(nocover)).ok);
  nlohmann::json end = c;
  end["items"][0]["steps"][0]["end"][0]["hi"][0] = end["items"][0]["steps"][0]["end"][0]["lo"][0];
  BOOST_TEST(!recheck_certificate(reseal(end)).ok);
  // The mutated claim (y' < 0) is refuted with a certificate of the failure.
  ClaimResult bad = flowcert::test::run_text(R"T(
[[claim]]
id = "LOG2"
expect = "refuted"
kind = "lyapunov"
rigorous = true
bits = 128
digits = 25
state = { y = "0.1" }
field = { y = "y*(1 - y)" }
times = { to = 3, count = 6 }
holds = "y*(1 - y) < 0"
)T", RunOptions{30, true});
  BOOST_TEST(to_string(bad.verdict) == std::string("refuted"));
}

BOOST_AUTO_TEST_SUITE_END()
