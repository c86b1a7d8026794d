// Every check kind accepts a right formula and rejects a mutated one (a changed coefficient, a flipped
// sign); near-identities and undecidable signs are inconclusive, never a pass.
#include <boost/test/unit_test.hpp>

#include "flowcert/claims/instances.hpp"
#include "test_util.hpp"

using namespace flowcert;
using flowcert::test::run_text;

BOOST_AUTO_TEST_SUITE(kinds)

namespace {
std::string claim(const std::string& kind, const std::string& formula, const std::string& extra = "") {
  return "[[claim]]\nid = \"K\"\nexpect = \"verified\"\nkind = \"" + kind + "\"\n" + extra + "\n" + formula + "\n";
}
const char* kRandomX = "random = { x = { lo = -2, hi = 2 } }\nsamples = 5";
const char* kRandomV = "grid = { n = [3, 5] }\nrandom = { v = { size = \"n\", lo = \"0.1\", hi = 2 } }\nsamples = 3";
}  // namespace

BOOST_AUTO_TEST_CASE(identity_accepts_and_refutes) {
  auto ok = run_text(claim("identity", "lhs = \"exp(x)^2\"\nrhs = \"exp(2*x)\"", kRandomX));
  BOOST_TEST(to_string(ok.verdict) == "verified");
  auto coeff = run_text(claim("identity", "lhs = \"exp(x)^2\"\nrhs = \"exp(2.001*x)\"", kRandomX));
  BOOST_TEST(to_string(coeff.verdict) == "refuted");
  auto sign = run_text(claim("identity", "lhs = \"tanh(-x)\"\nrhs = \"tanh(x)\"", kRandomX));
  BOOST_TEST(to_string(sign.verdict) == "refuted");
  // A matrix identity (Phi^2 = K I via hadamard) and a mutated one.
  auto mat = run_text(claim("identity", "lhs = \"mm(hadamard(4), hadamard(4))/4\"\nrhs = \"eye(4)*exp(x)/exp(x)\"", kRandomX));
  BOOST_TEST(to_string(mat.verdict) == "verified");
  auto mat_bad = run_text(claim("identity", "lhs = \"mm(hadamard(4), transpose(hadamard(4)))/4\"\nrhs = \"eye(4) + 1e-3*ones(4,4)\"", kRandomX));
  BOOST_TEST(to_string(mat_bad.verdict) == "refuted");
}

BOOST_AUTO_TEST_CASE(identity_near_identity_is_not_a_pass) {
  // Off by 1e-45: agrees to 45 digits at 50 digits of precision, but does not improve at 100.
  auto near = run_text(claim("identity", "lhs = \"exp(x)\"\nrhs = \"exp(x) + 1e-45\"", kRandomX));
  BOOST_TEST(to_string(near.verdict) == "inconclusive");
  RunOptions hi;
  hi.digits = 30;  // at 30 digits the same discrepancy is invisible, at 60 it is not: still not verified
  auto near30 = run_text(claim("identity", "lhs = \"exp(x)\"\nrhs = \"exp(x) + 1e-45\"", kRandomX), hi);
  BOOST_TEST(to_string(near30.verdict) != "verified");
}

BOOST_AUTO_TEST_CASE(identity_symbolic_route) {
  std::string extra = std::string(kRandomV) + "\nsymbolic = { v = \"n\" }";
  auto ok = run_text(claim("identity", "lhs = \"sum(v)^2 - sum(v*v)\"\nrhs = \"sum((v*transpose(v) - diag(diag(v*transpose(v)))))\"", extra));
  BOOST_TEST(to_string(ok.verdict) == "certified");
  auto bad = run_text(claim("identity", "lhs = \"sum(v)^2 + sum(v*v)\"\nrhs = \"sum((v*transpose(v) - diag(diag(v*transpose(v)))))\"", extra));
  BOOST_TEST(to_string(bad.verdict) == "refuted");
}

BOOST_AUTO_TEST_CASE(exact_accepts_and_refutes) {
  auto ok = run_text(claim("exact", "holds = \"mm(hadamard(K), hadamard(K)) == K*eye(K)\"", "grid = { K = [2, 4, 8] }"));
  BOOST_TEST(to_string(ok.verdict) == "certified");
  auto bad = run_text(claim("exact", "holds = \"mm(hadamard(K), hadamard(K)) == (K+1)*eye(K)\"", "grid = { K = [2, 4, 8] }"));
  BOOST_TEST(to_string(bad.verdict) == "refuted");
  BOOST_TEST(bad.checks[0].certs.size() == 1u);
  BOOST_TEST(bad.checks[0].certs[0].arithmetic == "exact");
  // exp has no exact value: the claim cannot be decided exactly (inconclusive, with the reason).
  auto inexact = run_text(claim("exact", "holds = \"exp(K) == 1\"", "grid = { K = [2] }"));
  BOOST_TEST(to_string(inexact.verdict) == "inconclusive");
  BOOST_TEST(inexact.summary().find("no exact rational value") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(inequality_accepts_and_refutes) {
  auto ok = run_text(claim("inequality", "holds = \"x^2 + 1 > 0\"", kRandomX));
  BOOST_TEST(to_string(ok.verdict) == "verified");
  auto bad = run_text(claim("inequality", "holds = \"x^2 - 1 > 0\"", kRandomX));
  BOOST_TEST(to_string(bad.verdict) == "refuted");
  BOOST_TEST(bad.checks[0].certs.size() == 1u);
  BOOST_TEST(!bad.checks[0].certs[0].holds);
}

BOOST_AUTO_TEST_CASE(counterexample_certifies_refutes_and_abstains) {
  auto ok = run_text(claim("counterexample", "holds = \"exp(1) > 2.718\""));
  BOOST_TEST(to_string(ok.verdict) == "certified");
  auto bad = run_text(claim("counterexample", "holds = \"exp(1) > 2.719\""));
  BOOST_TEST(to_string(bad.verdict) == "refuted");
  // log(exp(x)) - x = 0 exactly, but its enclosure can only straddle 0: undecided at every precision.
  auto undecided = run_text(claim("counterexample", "holds = \"log(exp(x)) > x\"", "params = { x = \"1/3\" }"));
  BOOST_TEST(to_string(undecided.verdict) == "inconclusive");
  // Division by an enclosure containing 0 is a domain failure: inconclusive with the reason.
  auto blowup = run_text(claim("counterexample", "holds = \"1/(log(exp(x)) - x) > 0\"", "params = { x = \"1/3\" }"));
  BOOST_TEST(to_string(blowup.verdict) == "inconclusive");
  BOOST_TEST(blowup.summary().find("contains 0") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(verdicts_combine_weakest_first) {
  BOOST_TEST(to_string(combine(Verdict::Certified, Verdict::Verified)) == "verified");
  BOOST_TEST(to_string(combine(Verdict::Refuted, Verdict::Inconclusive)) == "refuted");
  BOOST_TEST(to_string(combine(Verdict::Verified, Verdict::Inconclusive)) == "inconclusive");
}

BOOST_AUTO_TEST_CASE(random_points_are_reproducible) {
  std::string body = claim("identity", "lhs = \"exp(x)^2\"\nrhs = \"exp(2*x)\"", kRandomX);
  ClaimsFile f = flowcert::test::load_text(body);
  auto p1 = make_points(f.claims[0], f.claims[0].checks[0]);
  auto p2 = make_points(f.claims[0], f.claims[0].checks[0]);
  BOOST_REQUIRE(p1.size() == 5u);
  for (std::size_t i = 0; i < p1.size(); ++i) BOOST_TEST(p1[i].values.back().second.v == p2[i].values.back().second.v);
  BOOST_TEST(p1[0].values.back().second.v != p1[1].values.back().second.v);
}

BOOST_AUTO_TEST_SUITE_END()
