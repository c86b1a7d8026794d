// Evaluation semantics: broadcasting, matrix builtins, caching by dependency, the same formula in every
// arithmetic (MPFR inside MPFI inside Arb), symbolic evaluation.
#include <boost/test/unit_test.hpp>

#include "flowcert/num/ops.hpp"
#include "flowcert/sym/compiler.hpp"
#include "flowcert/sym/evaluator.hpp"
#include "flowcert/sym/ex_ops.hpp"

using namespace flowcert;

BOOST_AUTO_TEST_SUITE(evaluator)

namespace {
SourceRef here() { return SourceRef{"t.toml", 1, "T", "f"}; }
Program compile(const std::string& text, std::vector<std::string> names) {
  Compiler c(DefTable{}, std::move(names));
  c.add("f", text, here());
  return c.take();
}
Mat<Q> vec(std::initializer_list<long> xs) {
  Mat<Q> m = Mat<Q>::sized(xs.size(), 1);
  std::size_t k = 0;
  for (long x : xs) m.v[k++] = Q(x);
  return m;
}
}  // namespace

BOOST_AUTO_TEST_CASE(broadcasting_and_matrix_product) {
  Program p = compile("mm(transpose(v), v) + sum(v - transpose(v))", {"v"});
  Evaluator<Q> ev(p);
  ev.set(0, vec({1, 2, 3}));
  BOOST_TEST(ev.root("f").as_scalar("t") == Q(14));  // 14 + 0
  Program outer = compile("v*transpose(v)", {"v"});  // n x 1 times 1 x n: outer product
  Evaluator<Q> ev2(outer);
  ev2.set(0, vec({1, 2}));
  const Mat<Q>& o = ev2.root("f");
  BOOST_TEST(o.rows == 2u);
  BOOST_TEST(o(1, 0) == Q(2));
  BOOST_TEST(o(1, 1) == Q(4));
  Program bad = compile("v + ones(2)", {"v"});
  Evaluator<Q> ev3(bad);
  ev3.set(0, vec({1, 2, 3}));
  BOOST_CHECK_THROW(ev3.root("f"), ShapeError);
}

BOOST_AUTO_TEST_CASE(builtins) {
  Program p = compile("trace(mm(hadamard(4), hadamard(4))) + el(kron(eye(2), ones(1, 2)), 1, 2) + len(slice(hadamard(8), 1, 8, 1, 8)) + xor(5, 3)", {});
  Evaluator<Q> ev(p);
  BOOST_TEST(ev.root("f").as_scalar("t") == Q(16 + 1 + 49 + 6));
  Program idx = compile("el(ones(3), 3)", {});
  Evaluator<Q> ev2(idx);
  BOOST_CHECK_THROW(ev2.root("f"), DomainError);
  Program sing = compile("inv(ones(2, 2))", {});
  Evaluator<Q> ev3(sing);
  BOOST_CHECK_THROW(ev3.root("f"), DomainError);
}

BOOST_AUTO_TEST_CASE(only_dependent_nodes_are_recomputed) {
  Program p = compile("sum(hadamard(K)) + i", {"K", "i"});
  Evaluator<Q> ev(p);
  ev.set(0, Mat<Q>::of_scalar(Q(4)));
  ev.set(1, Mat<Q>::of_scalar(Q(1)));
  BOOST_TEST(ev.root("f").as_scalar("t") == Q(5));
  ev.set(1, Mat<Q>::of_scalar(Q(2)));
  BOOST_TEST(ev.root("f").as_scalar("t") == Q(6));
  ev.set(0, Mat<Q>::of_scalar(Q(8)));
  BOOST_TEST(ev.root("f").as_scalar("t") == Q(10));
}

BOOST_AUTO_TEST_CASE(one_formula_in_every_arithmetic) {
  // dM/dt-like expression: the MPFR value must lie in the MPFI and Arb enclosures.
  Program p = compile("sum(exp(-mm(hadamard(4), v))*v)/(1 + dot(v, v))", {"v"});
  Mat<Q> v = vec({1, 2, 3, 5});
  v.v[3] = Q(1, 7);
  PrecisionScope scope(50);
  Evaluator<mp> em(p);
  em.set(0, v);
  mp x = em.root("f").as_scalar("t");
  Evaluator<iv> ei(p);
  ei.set(0, v);
  iv X = ei.root("f").as_scalar("t");
  auto d = X.backend().data();
  BOOST_TEST(mpfr_cmp(&d->left, x.backend().data()) <= 0);
  BOOST_TEST(mpfr_cmp(x.backend().data(), &d->right) <= 0);
  Ball::precision() = 180;
  Evaluator<Ball> eb(p);
  eb.set(0, v);
  Ball B = eb.root("f").as_scalar("t");
  Ball diff = B - Ops<Ball>::from_q(Q(x.convert_to<double>()));
  BOOST_TEST(std::abs(Ops<Ball>::to_double(diff)) < 1e-15);
  BOOST_TEST(arb_rel_accuracy_bits(B.get()) > 150);
}

BOOST_AUTO_TEST_CASE(symbolic_evaluation) {
  Program p = compile("(v + w)^2 - v^2 - 2*v*w - w^2", {"v", "w"});
  Evaluator<GiNaC::ex> ev(p);
  ev.set_value(0, Mat<GiNaC::ex>::of_scalar(GiNaC::symbol("v")));
  ev.set_value(1, Mat<GiNaC::ex>::of_scalar(GiNaC::symbol("w")));
  BOOST_TEST(GiNaC::expand(ev.root("f").as_scalar("t")).is_zero());
}

BOOST_AUTO_TEST_SUITE_END()
