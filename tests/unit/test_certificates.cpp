// Certificates: written from a result, confirmed by the independent recheck, rejected when edited.
#include <boost/test/unit_test.hpp>

#include "flowcert/cert/certificate.hpp"
#include "flowcert/cert/sha256.hpp"
#include "test_util.hpp"

using namespace flowcert;
using flowcert::test::run_text;

BOOST_AUTO_TEST_SUITE(certificates)

namespace {
const char* kCounterexample = R"T(
[[claim]]
id = "CE"
expect = "certified"
kind = "counterexample"
defs = { f = "sum(exp(-mm(hadamard(4), v)))" }
params = { v = ["1", "0.5", "0.25", "1.25"] }
holds = "f > 1.3"
)T";
nlohmann::json reseal(nlohmann::json c) {
  c.erase("digest_sha256");
  c["digest_sha256"] = sha256_hex(c.dump());
  return c;
}
bool confirmed(const nlohmann::json& c) { return recheck_certificate(c).ok; }
std::string reason(const nlohmann::json& c) { return recheck_certificate(c).lines.back(); }
}  // namespace

BOOST_AUTO_TEST_CASE(counterexample_certificate_round_trip_and_tampering) {
  ClaimResult r = run_text(kCounterexample);
  BOOST_REQUIRE(to_string(r.verdict) == std::string("certified"));
  nlohmann::json c = make_certificate(r);
  BOOST_TEST(confirmed(c));
  // Edited without resealing: the digest catches it.
  nlohmann::json edited = c;
  edited["items"][0]["inputs"]["v"]["values"][0] = "1.01";
  BOOST_TEST(!confirmed(edited));
  BOOST_TEST(reason(edited).find("digest mismatch") != std::string::npos);
  // Edited and resealed: the recomputation with Arb catches it.
  BOOST_TEST(!confirmed(reseal(edited)));
  BOOST_TEST(reason(reseal(edited)).find("does not contain the value recomputed") != std::string::npos);
  nlohmann::json formula = c;
  formula["items"][0]["relation"]["rhs"] = "1.2";
  BOOST_TEST(reason(reseal(formula)).find("formula hash mismatch") != std::string::npos);
  nlohmann::json def = c;
  def["items"][0]["definitions"]["f"] = "sum(exp(-mm(hadamard(4), v)))/2";
  BOOST_TEST(!confirmed(reseal(def)));
  nlohmann::json bounds = c;
  bounds["items"][0]["enclosure_of_lhs_minus_rhs"]["lo"] = "-1";
  BOOST_TEST(reason(reseal(bounds)).find("does not prove") != std::string::npos);
  nlohmann::json holds = c;
  holds["items"][0]["holds"] = false;
  BOOST_TEST(!confirmed(reseal(holds)));
}

BOOST_AUTO_TEST_CASE(refutation_certificates) {
  // An identity refuted at a point: the witness entry is certified nonzero by intervals.
  ClaimResult id = run_text(R"T(
[[claim]]
id = "ID"
expect = "refuted"
kind = "identity"
random = { x = { lo = 0, hi = 1 } }
samples = 2
lhs = "exp(x)*exp(x)"
rhs = "exp(2*x) + 1e-3"
)T");
  BOOST_REQUIRE(to_string(id.verdict) == std::string("refuted"));
  nlohmann::json c = make_certificate(id);
  BOOST_TEST(c["items"][0]["relation"]["op"] == "==");
  BOOST_TEST(c["items"][0]["holds"] == false);
  BOOST_TEST(confirmed(c));
  // An exact refutation: re-derived with GiNaC's rationals.
  ClaimResult ex = run_text(R"T(
[[claim]]
id = "EX"
expect = "refuted"
kind = "exact"
params = { K = 4 }
holds = "mm(ones(1, K-1), ones(K-1, K-1)/(K-1) - slice(hadamard(K), 1, K, 1, K)) == K*ones(1, K-1)"
)T");
  nlohmann::json e = make_certificate(ex);
  BOOST_TEST(e["items"][0]["arithmetic"] == "exact");
  BOOST_TEST(confirmed(e));
  nlohmann::json wrong = e;
  wrong["items"][0]["enclosure_of_lhs_minus_rhs"]["lo"] = "-3";
  wrong["items"][0]["enclosure_of_lhs_minus_rhs"]["hi"] = "-3";
  BOOST_TEST(!confirmed(reseal(wrong)));
}

BOOST_AUTO_TEST_CASE(nothing_to_certify) {
  ClaimResult v = run_text(R"T(
[[claim]]
id = "V"
expect = "verified"
kind = "identity"
random = { x = { lo = 0, hi = 1 } }
lhs = "exp(x)^2"
rhs = "exp(2*x)"
)T");
  BOOST_CHECK_THROW(make_certificate(v), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(malformed_certificates_are_rejected) {
  BOOST_TEST(!confirmed(nlohmann::json::object()));
  ClaimResult r = run_text(kCounterexample);
  nlohmann::json c = make_certificate(r);
  c["items"][0].erase("inputs");
  BOOST_TEST(!confirmed(reseal(c)));
}

BOOST_AUTO_TEST_SUITE_END()
