// Rigorous ODE enclosures: they contain the exact solution, are tight, and their steps re-validate in Arb;
// edited steps do not. Flow certificates round-trip through recheck and reject edits.
#include <boost/test/unit_test.hpp>
#include <limits>

#include "flowcert/cert/certificate.hpp"
#include "flowcert/cert/sha256.hpp"
#include "flowcert/num/interval_ops.hpp"
#include "flowcert/ode/enclosure.hpp"
#include "flowcert/ode/recheck_form.hpp"
#include "test_util.hpp"

using namespace flowcert;
using flowcert::test::reseal;

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
  int order = std::max(10, static_cast<int>(0.25 * 160));
  for (const auto& s : steps) {
    EnclosureStep<Ball> b = recheck_step(s, 60);
    BOOST_TEST(validate_step<Ball>(sys, {}, b, order) == "");
  }
  const auto& last = steps.back();
  EnclosureStep<Ball> moved = recheck_step(last, 60);
  moved.end[0].v[0] = moved.end[0].v[0] + Ball(Q(1, 1000000000));
  BOOST_TEST(validate_step<Ball>(sys, {}, moved, order) != "");
  EnclosureStep<Ball> small_box = moved;
  small_box.end = recheck_box(last.end, 60);
  small_box.apriori = small_box.start;  // a box without room for the flow fails the Picard test
  BOOST_TEST(validate_step<Ball>(sys, {}, small_box, order).find("Picard") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(flow_certificates_round_trip_and_reject_edits) {
  // A Lyapunov claim proved on [0, 3]: the logistic solution from 0.1 increases (y' > 0).
  auto logistic_claim = [](const std::string& holds) {
    return "[[claim]]\nid = \"LOG\"\nexpect = \"certified\"\nkind = \"lyapunov\"\nrigorous = true\nbits = 128\ndigits = 25\n"
           "state = { y = \"0.1\" }\nfield = { y = \"y*(1 - y)\" }\ntimes = { to = 3, count = 6 }\nholds = \"" + holds + "\"\n";
  };
  ClaimResult r = flowcert::test::run_text(logistic_claim("y*(1 - y) > 0"), RunOptions{30, true});
  BOOST_REQUIRE(to_string(r.verdict) == std::string("certified"));
  nlohmann::json c = make_certificate(r);
  BOOST_TEST(c["items"][0]["kind"] == "flow");
  BOOST_TEST(recheck_certificate(c).ok);
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
  ClaimResult bad = flowcert::test::run_text(logistic_claim("y*(1 - y) < 0"), RunOptions{30, true});
  BOOST_TEST(to_string(bad.verdict) == std::string("refuted"));
}

namespace {
// a' = (a_2, -a_1): a rotation, the classic wrapping-effect example. From (1, 0): a(t) = (cos t, -sin t).
OdeSystem rotation() {
  OdeSpec s;
  s.field = {{"a", "vcat(el(a, 1), -el(a, 0))"}};
  return compile_ode(s, DefTable{}, {});
}
std::vector<Mat<iv>> rotation_start(double r) {
  Mat<iv> a = Mat<iv>::sized(2, 1);
  a.v[0] = IntervalOps<iv>::inflate(iv(1), 0, r);
  a.v[1] = IntervalOps<iv>::inflate(iv(0), 0, r);
  return {a};
}
}  // namespace

BOOST_AUTO_TEST_CASE(lohner_sets_stop_the_wrapping_effect) {
  PrecisionScope p(bits_to_digits(128));
  OdeSystem sys = rotation();
  EnclosureOptions box_only, lohner;
  box_only.bits = lohner.bits = 128;
  box_only.lohner_from = std::numeric_limits<double>::infinity();
  lohner.lohner_from = 0;
  const double r = 1e-8;  // initial box [1 +- r] x [+- r], width 2e-8
  auto wrapped = enclose_flow<iv>(sys, {}, rotation_start(r), Q(0), {Q(20)}, box_only);
  auto framed = enclose_flow<iv>(sys, {}, rotation_start(r), Q(0), {Q(20)}, lohner);
  mp c = bmp::cos(mp(20)), s = -bmp::sin(mp(20));
  for (const auto* run : {&wrapped, &framed}) {
    BOOST_TEST(contains(run->back().end[0].v[0], c));
    BOOST_TEST(contains(run->back().end[0].v[1], s));
  }
  double w_box = max_width(wrapped.back().end), w_lohner = max_width(framed.back().end);
  BOOST_TEST_MESSAGE("rotation to t = 20: box width " << w_box << ", Lohner width " << w_lohner);
  // A rotated square's hull is at most sqrt(2) times wider; the padding adds ~0.1% a step.
  BOOST_TEST(w_lohner < 4e-8);
  BOOST_TEST(w_box > 100 * w_lohner);
  BOOST_TEST(framed.front().frame_in.empty() == false);
  // Every Lohner step re-validates in Arb from the previous step's set; shrunken coordinates do not.
  Ball::precision() = 128;
  const int order = std::max(10, static_cast<int>(0.25 * 128));
  LohnerSet<Ball> prev;
  for (const auto& st : framed) {
    BOOST_REQUIRE(!st.frame.empty());
    EnclosureStep<Ball> b = recheck_step(st, 50);
    BOOST_TEST(validate_step<Ball>(sys, {}, b, order, prev.empty() ? nullptr : &prev) == "");
    prev = b.frame;
  }
  const auto& last = framed.back();
  EnclosureStep<Ball> shrunk = recheck_step(last, 50);
  shrunk.frame.r[0] = IntervalOps<Ball>::mid(shrunk.frame.r[0]);
  LohnerSet<Ball> before = recheck_set(framed[framed.size() - 2].frame, 50);
  BOOST_TEST(validate_step<Ball>(sys, {}, shrunk, order, &before).find("Lohner coordinates") != std::string::npos);
  // Without the set the step started from, a Lohner step cannot be validated.
  EnclosureStep<Ball> orphan = recheck_step(last, 50);
  BOOST_TEST(validate_step<Ball>(sys, {}, orphan, order).find("without the set") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(lohner_certificates_round_trip_and_reject_edits) {
  ClaimResult r = flowcert::test::run_text(R"T(
[[claim]]
id = "ROT"
expect = "certified"
kind = "lyapunov"
rigorous = true
lohner = true
bits = 128
digits = 25
params = { a0 = ["1", "0"] }
state = { a = "a0" }
field = { a = "vcat(el(a, 1), -el(a, 0))" }
times = { to = 6, count = 3 }
holds = "dot(a, a) > 0.99"
)T", RunOptions{30, true});
  BOOST_REQUIRE(to_string(r.verdict) == std::string("certified"));
  nlohmann::json c = make_certificate(r);
  BOOST_REQUIRE(c["items"][0]["steps"][0].contains("lohner_in"));
  BOOST_REQUIRE(c["items"][0]["steps"][1].contains("lohner"));
  auto ok = recheck_certificate(c);
  for (const auto& l : ok.lines) BOOST_TEST_MESSAGE(l);
  BOOST_TEST(ok.ok);
  BOOST_TEST(ok.lines.back().find("in Lohner form") != std::string::npos);
  nlohmann::json narrow = c;  // coordinates narrowed to their lower end
  auto& lohner = narrow["items"][0]["steps"][2]["lohner"];
  lohner["r_hi"][0] = lohner["r_lo"][0];
  BOOST_TEST(!recheck_certificate(reseal(narrow)).ok);
  nlohmann::json turned = c;  // another frame
  auto& frame = turned["items"][0]["steps"][2]["lohner"]["A"];
  std::swap(frame[0], frame[1]);
  BOOST_TEST(!recheck_certificate(reseal(turned)).ok);
  nlohmann::json orphan = c;  // the first set removed: the chain of sets has no start
  orphan["items"][0]["steps"][0].erase("lohner_in");
  BOOST_TEST(!recheck_certificate(reseal(orphan)).ok);
}

BOOST_AUTO_TEST_SUITE_END()
