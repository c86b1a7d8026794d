// Bad input: every problem is an InputError naming the file, the line and the claim.
#include <boost/test/unit_test.hpp>

#include "test_util.hpp"

using namespace flowcert;
using flowcert::test::load_text;

BOOST_AUTO_TEST_SUITE(loader)

namespace {
std::string load_error(const std::string& body) {
  try {
    ClaimsFile f = load_text(body, "bad.toml");
    validate_claims(f);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
void expect_error(const std::string& body, const std::string& fragment, const std::string& line) {
  std::string e = load_error(body);
  BOOST_TEST_INFO("message: " << e);
  BOOST_TEST(e.find(fragment) != std::string::npos);
  BOOST_TEST(e.find("bad.toml:" + line) != std::string::npos);
}
const char* kGood = R"T(
[[claim]]
id = "G"
expect = "certified"
kind = "exact"
params = { n = 3 }
holds = "n + 1 == 4"
)T";
}  // namespace

BOOST_AUTO_TEST_CASE(good_file_loads) {
  ClaimsFile f = load_text(kGood);
  BOOST_TEST(f.claims.size() == 1u);
  BOOST_TEST(f.claims[0].checks[0].kind == "exact");
  BOOST_TEST(load_error(kGood).empty());
}

BOOST_AUTO_TEST_CASE(malformed_toml) { expect_error("[[claim]]\nid = \"X\"\nexpect = \n", "malformed TOML", "6"); }

BOOST_AUTO_TEST_CASE(unknown_kind) {
  expect_error("[[claim]]\nid = \"X\"\nexpect = \"verified\"\nkind = \"magic\"\nholds = \"1 == 1\"\n", "unknown check kind 'magic'", "4");
}

BOOST_AUTO_TEST_CASE(formula_that_does_not_parse) {
  std::string e = load_error("[[claim]]\nid = \"X\"\nexpect = \"verified\"\nkind = \"exact\"\nholds = \"1 + * 2 == 3\"\n");
  BOOST_TEST(e.find("cannot parse") != std::string::npos);
  BOOST_TEST(e.find("claim X") != std::string::npos);
  BOOST_TEST(e.find("bad.toml:8") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(missing_parameter) {
  expect_error("[[claim]]\nid = \"X\"\nexpect = \"verified\"\nkind = \"exact\"\nholds = \"n + 1 == 4\"\n", "unknown symbol 'n'", "8");
}

BOOST_AUTO_TEST_CASE(nan_input) {
  expect_error("[[claim]]\nid = \"X\"\nexpect = \"verified\"\nkind = \"exact\"\nparams = { n = nan }\nholds = \"n == 4\"\n", "NaN", "8");
}

BOOST_AUTO_TEST_CASE(unknown_key_is_a_typo) {
  expect_error("[[claim]]\nid = \"X\"\nexpect = \"verified\"\nkind = \"exact\"\nhold = \"1 == 1\"\n", "unknown key 'hold'", "8");
}

BOOST_AUTO_TEST_CASE(bad_expectation_and_duplicates) {
  expect_error("[[claim]]\nid = \"X\"\nexpect = \"true\"\nkind = \"exact\"\nholds = \"1 == 1\"\n", "unknown verdict", "6");
  std::string dup = std::string(kGood) + kGood;
  BOOST_TEST(load_error(dup).find("duplicate claim id 'G'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(relation_needed) {
  expect_error("[[claim]]\nid = \"X\"\nexpect = \"verified\"\nkind = \"exact\"\nholds = \"1 + 1\"\n", "needs a comparison", "8");
}

BOOST_AUTO_TEST_CASE(check_inherits_and_overrides) {
  ClaimsFile f = load_text(R"T(
[[claim]]
id = "C"
expect = "certified"
kind = "exact"
params = { n = 3, m = 1 }
  [[claim.check]]
  name = "one"
  holds = "n == 3"
  [[claim.check]]
  params = { m = 2 }
  holds = "n + m == 5"
)T");
  const Claim& c = f.claims[0];
  BOOST_REQUIRE(c.checks.size() == 2u);
  BOOST_TEST(c.checks[0].name == "one");
  BOOST_TEST(c.checks[1].name == "check 2");
  BOOST_TEST(c.checks[1].params.count("n") == 1u);
  BOOST_TEST(c.checks[1].params.at("m").value.v[0] == Q(2));
  BOOST_TEST(c.checks[1].formulas.at("holds").where.line == 15);
}

BOOST_AUTO_TEST_SUITE_END()
