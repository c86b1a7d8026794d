// The flow check kinds accept the right formula and refute a mutated one.
#include <boost/test/unit_test.hpp>

#include "test_util.hpp"

using namespace flowcert;
using flowcert::test::run_text;

BOOST_AUTO_TEST_SUITE(kinds)

namespace {
std::string flow_claim(const std::string& kind, const std::string& body) {
  return "[[claim]]\nid = \"F\"\nexpect = \"verified\"\nkind = \"" + kind + "\"\ndigits = 25\n" + body + "\n";
}
// Damped oscillator x' = v, v' = -x - c v; energy E = (x^2 + v^2)/2 has dE/dt = -c v^2.
const char* kOscillator = R"T(
params = { c = "0.3" }
state = { x = "1", v = "0" }
field = { x = "v", v = "-x - c*v" }
)T";
}  // namespace

BOOST_AUTO_TEST_CASE(trajectory_accepts_and_refutes) {
  const char* decay = "state = { y = \"2\" }\nfield = { y = \"-3*y\" }\ntimes = [\"0.5\", \"2\"]\n";
  auto ok = run_text(flow_claim("trajectory", std::string(decay) + "lhs = \"y\"\nrhs = \"2*exp(-3*t)\""));
  BOOST_TEST(to_string(ok.verdict) == "verified");
  auto coeff = run_text(flow_claim("trajectory", std::string(decay) + "lhs = \"y\"\nrhs = \"2*exp(-3.01*t)\""));
  BOOST_TEST(to_string(coeff.verdict) == "refuted");
  auto sign = run_text(flow_claim("trajectory", std::string(decay) + "lhs = \"y\"\nrhs = \"2*exp(3*t)\""));
  BOOST_TEST(to_string(sign.verdict) == "refuted");
  // A closed form that is right only to 1e-22 is not verified at 25 digits.
  auto near = run_text(flow_claim("trajectory", std::string(decay) + "lhs = \"y\"\nrhs = \"2*exp(-3*t) + 1e-22\""));
  BOOST_TEST(to_string(near.verdict) == "inconclusive");
}

BOOST_AUTO_TEST_CASE(invariant_accepts_and_refutes) {
  auto ok = run_text(flow_claim("invariant", "state = { x = \"1\", v = \"0\" }\nfield = { x = \"v\", v = \"-x\" }\ntimes = [\"5\"]\nconserved = \"x^2 + v^2\""));
  BOOST_TEST(to_string(ok.verdict) == "verified");
  auto damped = run_text(flow_claim("invariant", std::string(kOscillator) + "times = [\"5\"]\nconserved = \"x^2 + v^2\""));
  BOOST_TEST(to_string(damped.verdict) == "refuted");
}

BOOST_AUTO_TEST_CASE(lyapunov_accepts_and_refutes) {
  auto ok = run_text(flow_claim("lyapunov", std::string(kOscillator) + "times = { to = 10, count = 40 }\nholds = \"-c*v^2 <= 0\""));
  BOOST_TEST(to_string(ok.verdict) == "verified");
  auto flipped = run_text(flow_claim("lyapunov", std::string(kOscillator) + "times = { to = 10, count = 40 }\nholds = \"x*v <= 0\""));
  BOOST_TEST(to_string(flipped.verdict) == "refuted");
}

BOOST_AUTO_TEST_CASE(flow_input_errors) {
  std::string missing_field = "[[claim]]\nid = \"F\"\nexpect = \"verified\"\nkind = \"trajectory\"\nstate = { y = \"1\" }\ntimes = [\"1\"]\nlhs = \"y\"\nrhs = \"1\"\n";
  BOOST_CHECK_THROW(flowcert::test::load_text(missing_field), InputError);
  std::string bad_field = "[[claim]]\nid = \"F\"\nexpect = \"verified\"\nkind = \"trajectory\"\nstate = { y = \"1\" }\nfield = { y = \"y*q\" }\ntimes = [\"1\"]\nlhs = \"y\"\nrhs = \"1\"\n";
  ClaimsFile f = flowcert::test::load_text(bad_field);
  try {
    validate_claims(f);
    BOOST_FAIL("unknown symbol in a field not reported");
  } catch (const InputError& e) {
    BOOST_TEST(std::string(e.what()).find("unknown symbol 'q'") != std::string::npos);
  }
}

BOOST_AUTO_TEST_SUITE_END()
