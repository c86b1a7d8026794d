// Exact decimal input/output, SHA-256, and formula text handling.
#include <boost/test/unit_test.hpp>

#include "flowcert/cert/sha256.hpp"
#include "flowcert/num/decimal.hpp"
#include "flowcert/sym/formula_text.hpp"

using namespace flowcert;

BOOST_AUTO_TEST_SUITE(decimal)

BOOST_AUTO_TEST_CASE(parses_exact_decimals) {
  BOOST_TEST(parse_exact_decimal("1.25") == Q(5, 4));
  BOOST_TEST(parse_exact_decimal("-0.01") == Q(-1, 100));
  BOOST_TEST(parse_exact_decimal("3e-4") == Q(3, 10000));
  BOOST_TEST(parse_exact_decimal("1.5E+2") == Q(150));
  BOOST_TEST(parse_exact_decimal("7/3") == Q(7, 3));
  BOOST_TEST(parse_exact_decimal("0.99999") == Q(99999, 100000));  // leading zeros are not octal
  BOOST_TEST(parse_exact_decimal("007") == Q(7));
}

BOOST_AUTO_TEST_CASE(rejects_non_numbers) {
  for (const char* bad : {"nan", "inf", "", "1.2.3", "1e", "abc", "1/0", "--1"})
    BOOST_CHECK_THROW(parse_exact_decimal(bad), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(exact_string_round_trips) {
  for (const char* s : {"1.25", "-0.001", "7/3", "12345678901234567890", "0"})
    BOOST_TEST(parse_exact_decimal(exact_string(parse_exact_decimal(s))) == parse_exact_decimal(s));
  BOOST_TEST(exact_string(Q(1, 3)) == "1/3");
  BOOST_TEST(exact_string(Q(-1, 8)) == "-0.125");
}

BOOST_AUTO_TEST_CASE(directed_rounding) {
  PrecisionScope p(30);
  mp third = mp(1) / 3;
  std::string lo = mpfr_to_decimal(third.backend().data(), 5, MPFR_RNDD);
  std::string hi = mpfr_to_decimal(third.backend().data(), 5, MPFR_RNDU);
  BOOST_TEST(lo == "3.3333e-1");
  BOOST_TEST(hi == "3.3334e-1");
}

BOOST_AUTO_TEST_CASE(sha256_known_vectors) {
  BOOST_TEST(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  BOOST_TEST(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  BOOST_TEST(sha256_hex(std::string(1000, 'a')) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

BOOST_AUTO_TEST_CASE(literals_become_exact_rationals) {
  BOOST_TEST(exactify_literals("1.25*x") == "(125/100)*x");
  BOOST_TEST(exactify_literals("7.3e-4") == "(73/100000)");
  BOOST_TEST(exactify_literals("a1 + 2e3") == "a1 + (2000)");
  BOOST_TEST(exactify_literals("x2.5") == "x2.5");  // part of a name is left alone (and fails to parse)
  BOOST_TEST(exactify_literals("f(10, .5)") == "f(10, (5/10))");
}

BOOST_AUTO_TEST_CASE(relations_split_at_top_level) {
  auto r = split_relation("abs(x - 1) < 0.5e-4");
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(r->op == "<");
  BOOST_TEST(r->lhs == "abs(x - 1) ");
  auto e = split_relation("f(a <= b) == 2");
  BOOST_REQUIRE(e.has_value());
  BOOST_TEST(e->op == "==");
  BOOST_TEST(!split_relation("x + 1").has_value());
  BOOST_CHECK_THROW(split_relation("x = 1"), std::invalid_argument);
  BOOST_CHECK_THROW(split_relation("x < y < z"), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
