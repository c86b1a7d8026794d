// The flow check kinds accept the right formula and refute a mutated one.
#include <boost/test/unit_test.hpp>

#include "flowcert/cert/certificate.hpp"
#include "flowcert/cert/sha256.hpp"
#include "test_util.hpp"

using namespace flowcert;
using flowcert::test::reseal;
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

BOOST_AUTO_TEST_CASE(rigorous_trajectories_bound_certify_and_refute) {
  // Logistic growth from 0.1: y = 1/(1 + 9 e^{-t}), enclosed at 128 bits at t = 1 and 4.
  const char* logistic = "rigorous = true\nbits = 128\nstate = { y = \"0.1\" }\nfield = { y = \"y*(1 - y)\" }\ntimes = [\"1\", \"4\"]\n";
  RunOptions cert{30, true};
  auto ok = run_text(flow_claim("trajectory", std::string(logistic) + "lhs = \"y\"\nrhs = \"1/(1 + 9*exp(-t))\""), cert);
  BOOST_TEST(to_string(ok.verdict) == "verified");  // enclosures bound a difference; they cannot prove equality
  BOOST_TEST(ok.checks[0].summary.find("|lhs - rhs| <=") != std::string::npos);
  BOOST_REQUIRE(ok.checks[0].certs.size() == 1);
  nlohmann::json c = make_certificate(ok);
  auto rc = recheck_certificate(c);
  for (const auto& l : rc.lines) BOOST_TEST_MESSAGE(l);
  BOOST_TEST(rc.ok);
  BOOST_TEST(rc.lines.back().find("2 checkpoints,") != std::string::npos);
  nlohmann::json tight = c;  // a bound below the enclosure's does not recheck
  tight["items"][0]["checkpoints"][1]["bound"] = "1e-80";
  BOOST_TEST(!recheck_certificate(reseal(tight)).ok);
  nlohmann::json dropped = c;  // an output time without its checkpoint
  dropped["items"][0]["checkpoints"].erase(1);
  BOOST_TEST(recheck_certificate(reseal(dropped)).lines.back().find("no checkpoint") != std::string::npos);
  // A mutated coefficient (9 -> 9.001) is refuted, with a certificate separating the sides.
  auto bad = run_text(flow_claim("trajectory", std::string(logistic) + "lhs = \"y\"\nrhs = \"1/(1 + 9.001*exp(-t))\""), cert);
  BOOST_TEST(to_string(bad.verdict) == "refuted");
  BOOST_TEST(bad.checks[0].summary.find("separated") != std::string::npos);
  BOOST_REQUIRE(bad.checks[0].certs.size() == 1);
  BOOST_TEST(recheck_certificate(make_certificate(bad)).ok);
  // An ordering at the output times is certified; its flipped sign is refuted.
  auto gt = run_text(flow_claim("trajectory", std::string(logistic) + "holds = \"y > 0.2\""), cert);
  BOOST_TEST(to_string(gt.verdict) == "certified");
  BOOST_TEST(recheck_certificate(make_certificate(gt)).ok);
  auto lt = run_text(flow_claim("trajectory", std::string(logistic) + "holds = \"y < 0.2\""), cert);
  BOOST_TEST(to_string(lt.verdict) == "refuted");
  BOOST_TEST(lt.checks[0].certs.size() == 1);
}

BOOST_AUTO_TEST_CASE(certified_roots_by_interval_newton) {
  auto root_claim = [](const std::string& body) {
    return "[[claim]]\nid = \"R\"\nexpect = \"certified\"\nkind = \"root\"\nrigorous = true\nbits = 160\n" + body + "\n";
  };
  const std::string sqrt2 = "unknowns = { x = \"1.5\" }\nequations = \"x^2 - 2\"\nwindow = [\"1\", \"2\"]\n";
  RunOptions cert{50, true};
  auto ok = run_text(root_claim(sqrt2 + "holds = \"x > 1.41\""), cert);
  BOOST_TEST(to_string(ok.verdict) == "certified");
  BOOST_TEST(ok.checks[0].evidence["rigorous"]["max_relative_width"].get<double>() < 1e-40);
  nlohmann::json c = make_certificate(ok);
  BOOST_TEST(c["items"][0]["kind"] == "root");
  BOOST_TEST(recheck_certificate(c).ok);
  nlohmann::json moved = c;  // an enclosure moved off the root fails the Newton test
  moved["items"][0]["enclosure"]["lo"] = "1.5";
  moved["items"][0]["enclosure"]["hi"] = "1.6";
  moved["items"][0]["newton_point"] = "1.55";
  BOOST_TEST(recheck_certificate(reseal(moved)).lines.back().find("Newton") != std::string::npos);
  nlohmann::json eq = c;  // a mutated coefficient in the equation breaks the formula hash
  eq["items"][0]["equation"] = "x^2-3";
  BOOST_TEST(recheck_certificate(reseal(eq)).lines.back().find("hash") != std::string::npos);
  nlohmann::json input = c;  // the point is part of what is certified: an edited input breaks the hash
  input["items"][0]["inputs"]["extra"] = "1";
  BOOST_TEST(recheck_certificate(reseal(input)).lines.back().find("hash") != std::string::npos);
  // A mutated bound (1.41 -> 1.42) is refuted, with the separating enclosure as certificate.
  auto bad = run_text(root_claim(sqrt2 + "holds = \"x > 1.42\""), cert);
  BOOST_TEST(to_string(bad.verdict) == "refuted");
  BOOST_TEST(recheck_certificate(make_certificate(bad)).ok);
  // A window holding two roots: uniqueness cannot be proved, so the check abstains.
  auto two = run_text(root_claim("unknowns = { x = \"1.5\" }\nequations = \"x^2 - 2\"\nwindow = [\"-2\", \"2\"]\nholds = \"x > 1.41\""), cert);
  BOOST_TEST(to_string(two.verdict) == "inconclusive");
  BOOST_TEST(two.checks[0].summary.find("changes sign") != std::string::npos);
  // Log variables keep full relative precision for a root near 1e-300.
  auto tiny = run_text(root_claim("params = { c = \"3e-300\" }\nunknowns = { u = \"-690\" }\nequations = \"exp(u) - c\"\n"
                                  "holds = \"abs(exp(u)/c - 1) < 1e-30\""), cert);
  BOOST_TEST(to_string(tiny.verdict) == "certified");
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

BOOST_AUTO_TEST_CASE(rate_accepts_and_refutes) {
  // y' = 1/(1 + t): y = log(1 + t) exactly, so y - log(1 + t) tends to 0; with a wrong coefficient it grows.
  const char* flow = "state = { y = \"0\" }\nfield = { y = \"1/(1 + t)\" }\nlog_time = true\n"
                     "times = { from = 10, to = \"1e12\", count = 20, spacing = \"log\" }\n";
  auto ok = run_text(flow_claim("rate", std::string(flow) + "quantity = \"y - log(1 + t)\"\ntends_to = \"0\"\ntolerance = \"1e-15\""));
  BOOST_TEST(to_string(ok.verdict) == "verified");
  auto bad = run_text(flow_claim("rate", std::string(flow) + "quantity = \"y - 1.01*log(1 + t)\"\ntends_to = \"0\"\ntolerance = \"1e-15\""));
  BOOST_TEST(to_string(bad.verdict) == "refuted");
  // z' = -z/(1 + t): z = 1/(1 + t), slope -1 in log-log; a predicted -2 is refuted.
  const char* decay = "state = { z = \"1\" }\nfield = { z = \"-z/(1 + t)\" }\nlog_time = true\n"
                      "times = { from = \"1e3\", to = \"1e12\", count = 20, spacing = \"log\" }\n";
  auto slope = run_text(flow_claim("rate", std::string(decay) + "quantity = \"z\"\nslope = \"-1\"\ntolerance = \"1e-3\""));
  BOOST_TEST(to_string(slope.verdict) == "verified");
  auto wrong = run_text(flow_claim("rate", std::string(decay) + "quantity = \"z\"\nslope = \"-2\"\ntolerance = \"1e-3\""));
  BOOST_TEST(to_string(wrong.verdict) == "refuted");
}

BOOST_AUTO_TEST_CASE(extremum_locates_and_judges) {
  // x(t) = t e^{-t} (x' = e^{-t} - x, x(0) = 0): max e^{-1} at t = 1. Tolerances above the numerical
  // margin 10^-(digits - slack) = 1e-15 are decidable.
  const char* flow = "state = { x = \"0\" }\nfield = { x = \"exp(-t) - x\" }\ntimes = { to = 3, count = 30 }\n"
                     "quantity = \"x\"\nrate = \"exp(-t) - x\"\nfind = \"max\"\nwindow = [0, 3]\n";
  auto ok = run_text(flow_claim("extremum", std::string(flow) + "holds = \"vcat(abs(value - exp(-1)), abs(tstar - 1)) < vcat(1e-12, 1e-8)\""));
  BOOST_TEST(to_string(ok.verdict) == "verified");
  auto bad = run_text(flow_claim("extremum", std::string(flow) + "holds = \"abs(tstar - 1.01) < 1e-3\""));
  BOOST_TEST(to_string(bad.verdict) == "refuted");
}

BOOST_AUTO_TEST_CASE(root_accepts_refutes_and_abstains) {
  auto root = [](const std::string& start, const std::string& eqs, const std::string& rel) {
    return run_text("[[claim]]\nid = \"R\"\nexpect = \"verified\"\nkind = \"root\"\ndigits = 30\nunknowns = { v = \"" + start +
                    "\" }\nequations = \"" + eqs + "\"\n" + rel + "\n");
  };
  BOOST_TEST(to_string(root("1", "v^2 - 2", "lhs = \"v\"\nrhs = \"sqrt(2)\"").verdict) == "verified");
  BOOST_TEST(to_string(root("1", "v^2 - 2", "lhs = \"v\"\nrhs = \"1.4142\"").verdict) == "refuted");
  BOOST_TEST(to_string(root("vec(1, 0.5)", "vcat(el(v, 0)^2 + el(v, 1)^2 - 1, el(v, 0) - el(v, 1))",
                            "lhs = \"v\"\nrhs = \"ones(2)/sqrt(2)\"").verdict) == "verified");
  // No real root: Newton wanders, the verdict is inconclusive (never a pass).
  BOOST_TEST(to_string(root("1", "v^2 + 1", "lhs = \"v\"\nrhs = \"0\"").verdict) == "inconclusive");
}

BOOST_AUTO_TEST_CASE(iterate_accepts_and_refutes) {
  // Euler's map x <- x (1 - h) stays within O(h) of x' = -x at t = h k; with 2h in the map it does not.
  auto run = [](const std::string& map) {
    return run_text("[[claim]]\nid = \"I\"\nexpect = \"verified\"\nkind = \"iterate\"\ndigits = 20\nparams = { h = \"0.001\" }\n"
                    "iterate_state = { x = \"1\" }\nmap = { x = \"" + map + "\" }\nsteps = 3000\ncheckpoints = 50\n"
                    "step_time = \"h*k\"\nstate = { y = \"1\" }\nfield = { y = \"-y\" }\n"
                    "quantity = \"abs(x - y)/y\"\nholds = \"value < 0.01\"\n");
  };
  BOOST_TEST(to_string(run("x*(1 - h)").verdict) == "verified");
  BOOST_TEST(to_string(run("x*(1 - 2*h)").verdict) == "refuted");
}

BOOST_AUTO_TEST_CASE(iterate_judges_the_last_step_when_asked) {
  // |x - y| for Euler's map peaks near t = 1 (about h e^-1 / 2 = 1.8e-4) and is 7.5e-5 at t = 3: a claim
  // about the map's end holds with judge = "last" and fails on the largest deviation; with 2h in the map
  // the end value is 1.5e-4 and the claim fails.
  auto run = [](const std::string& map, const std::string& judge) {
    return run_text("[[claim]]\nid = \"I\"\nexpect = \"verified\"\nkind = \"iterate\"\ndigits = 20\nparams = { h = \"0.001\" }\n"
                    "iterate_state = { x = \"1\" }\nmap = { x = \"" + map + "\" }\nsteps = 3000\ncheckpoints = 50\n" + judge +
                    "step_time = \"h*k\"\nstate = { y = \"1\" }\nfield = { y = \"-y\" }\n"
                    "quantity = \"abs(x - y)\"\nholds = \"value < 1e-4\"\n");
  };
  BOOST_TEST(to_string(run("x*(1 - h)", "judge = \"last\"\n").verdict) == "verified");
  BOOST_TEST(to_string(run("x*(1 - h)", "").verdict) == "refuted");
  BOOST_TEST(to_string(run("x*(1 - 2*h)", "judge = \"last\"\n").verdict) == "refuted");
}

BOOST_AUTO_TEST_CASE(flow_input_errors) {
  std::string missing_field = "[[claim]]\nid = \"F\"\nexpect = \"verified\"\nkind = \"trajectory\"\nstate = { y = \"1\" }\ntimes = [\"1\"]\nlhs = \"y\"\nrhs = \"1\"\n";
  BOOST_CHECK_THROW(flowcert::test::load_text(missing_field), InputError);
  // The time variable's names are reserved (a parameter s in log time would silently become the time).
  std::string clash = "[[claim]]\nid = \"F\"\nexpect = \"verified\"\nkind = \"trajectory\"\nlog_time = true\nparams = { s = 2 }\n"
                      "state = { y = \"1\" }\nfield = { y = \"-s*y\" }\ntimes = [\"1\"]\nlhs = \"y\"\nrhs = \"exp(-2*t)\"\n";
  ClaimsFile cf = flowcert::test::load_text(clash);
  BOOST_CHECK_THROW(validate_claims(cf), InputError);
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
