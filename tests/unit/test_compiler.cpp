// Formula compilation: name resolution, definitions (plain and with arguments), errors with locations.
#include <boost/test/unit_test.hpp>

#include "flowcert/sym/compiler.hpp"
#include "flowcert/sym/evaluator.hpp"

using namespace flowcert;

BOOST_AUTO_TEST_SUITE(compiler)

namespace {
SourceRef here() { return SourceRef{"claims.toml", 12, "C-1", "lhs"}; }
DefTable defs(std::initializer_list<std::pair<const char*, const char*>> items) {
  DefTable t;
  for (auto [k, v] : items) {
    Definition d = parse_definition_head(k, v, SourceRef{"claims.toml", 3, "", std::string("defs.") + k});
    t[d.name] = d;
  }
  return t;
}
Q eval_q(const DefTable& d, const std::string& text, std::vector<std::pair<std::string, Q>> inputs) {
  std::vector<std::string> names;
  for (auto& [n, v] : inputs) names.push_back(n);
  Compiler c(d, names);
  c.add("f", text, here());
  Program p = c.take();
  Evaluator<Q> ev(p);
  for (std::size_t i = 0; i < inputs.size(); ++i) ev.set(static_cast<int>(i), Mat<Q>::of_scalar(inputs[i].second));
  return ev.root("f").as_scalar("test");
}
std::string error_of(const DefTable& d, const std::string& text, std::vector<std::string> names = {"x"}) {
  try {
    Compiler c(d, names);
    c.add("f", text, here());
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

BOOST_AUTO_TEST_CASE(decimals_are_exact) {
  BOOST_TEST(eval_q({}, "0.1 + 0.2", {}) == Q(3, 10));
  BOOST_TEST(eval_q({}, "1.25e-2*x", {{"x", Q(8)}}) == Q(1, 10));
}

BOOST_AUTO_TEST_CASE(definitions_expand_and_take_arguments) {
  DefTable d = defs({{"sq(v)", "v^2"}, {"y", "sq(x) + 1"}, {"twice(f, g)", "2*f + g"}});
  BOOST_TEST(eval_q(d, "y", {{"x", Q(3)}}) == Q(10));
  BOOST_TEST(eval_q(d, "twice(y, x)", {{"x", Q(3)}}) == Q(23));
}

BOOST_AUTO_TEST_CASE(errors_name_the_place) {
  std::string e = error_of({}, "x + foo");
  BOOST_TEST(e.find("unknown symbol 'foo'") != std::string::npos);
  BOOST_TEST(e.find("claims.toml:12") != std::string::npos);
  BOOST_TEST(e.find("claim C-1") != std::string::npos);
  BOOST_TEST(error_of({}, "x +* 2").find("cannot parse") != std::string::npos);
  BOOST_TEST(error_of({}, "mm(x)").find("cannot parse") != std::string::npos);  // no mm with one argument
  BOOST_TEST(error_of({}, "frobnicate(x)").find("cannot parse") != std::string::npos);
  BOOST_TEST(error_of({}, "I*x").find("complex number") != std::string::npos);
  DefTable cyc = defs({{"p", "q + 1"}, {"q", "p*2"}});
  BOOST_TEST(error_of(cyc, "p").find("definition cycle") != std::string::npos);
  DefTable bad = defs({{"g", "x + nosuch"}});
  std::string in_def = error_of(bad, "g");
  BOOST_TEST(in_def.find("claims.toml:3") != std::string::npos);  // the definition's own line
  BOOST_TEST(in_def.find("nosuch") != std::string::npos);
  BOOST_CHECK_THROW(parse_definition_head("exp", "x", here()), InputError);   // hides a builtin
  BOOST_CHECK_THROW(parse_definition_head("f(1x)", "x", here()), InputError);
}

BOOST_AUTO_TEST_CASE(common_subexpressions_share_nodes) {
  DefTable d = defs({{"e", "exp(-x)"}});
  Compiler c(d, {"x"});
  c.add("a", "e + e^2", here());
  c.add("b", "e*3", here());
  Program p = c.take();
  int exps = 0;
  for (const auto& n : p.nodes) exps += n.kind == Node::Kind::Call && n.fn == Fn::Exp;
  BOOST_TEST(exps == 1);
}

BOOST_AUTO_TEST_SUITE_END()
