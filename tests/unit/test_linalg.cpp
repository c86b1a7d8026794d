// Hadamard matrices, exact inverses, exactly orthogonal Cayley matrices, singular values.
#include <boost/test/unit_test.hpp>

#include "flowcert/linalg/gauss.hpp"
#include "flowcert/linalg/hadamard.hpp"
#include "flowcert/linalg/orthogonal.hpp"
#include "flowcert/linalg/spectral_mp.hpp"

using namespace flowcert;

BOOST_AUTO_TEST_SUITE(linalg)

BOOST_AUTO_TEST_CASE(sylvester_recursion) {
  // Phi_2k = [[Phi_k, Phi_k], [Phi_k, -Phi_k]] against the closed form used by sylvester_hadamard.
  for (long k = 1; k <= 16; k *= 2) {
    Mat<Q> a = sylvester_hadamard<Q>(k), b = sylvester_hadamard<Q>(2 * k);
    for (long i = 0; i < k; ++i)
      for (long j = 0; j < k; ++j) {
        BOOST_TEST(b(i, j) == a(i, j));
        BOOST_TEST(b(i, j + k) == a(i, j));
        BOOST_TEST(b(i + k, j) == a(i, j));
        BOOST_TEST(b(i + k, j + k) == -a(i, j));
      }
  }
  BOOST_CHECK_THROW(sylvester_hadamard<Q>(6), std::domain_error);
}

BOOST_AUTO_TEST_CASE(exact_inverse_and_singular) {
  Mat<Q> m = Mat<Q>::sized(3, 3);
  const long vals[] = {2, 1, 0, 1, 3, 1, 0, 1, 4};
  for (int k = 0; k < 9; ++k) m.v[static_cast<std::size_t>(k)] = Q(vals[k]);
  Mat<Q> prod = matmul(m, gauss_inverse(m));
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 3; ++j) BOOST_TEST(prod(i, j) == Q(i == j ? 1 : 0));
  Mat<Q> sing = Mat<Q>::sized(2, 2, Q(1));
  BOOST_CHECK_THROW(gauss_inverse(sing), DomainError);
}

BOOST_AUTO_TEST_CASE(cayley_is_exactly_orthogonal_and_seeded) {
  Mat<Q> r = cayley_orthogonal(5, 6);
  Mat<Q> g = matmul(transpose(r), r);
  for (std::size_t i = 0; i < 6; ++i)
    for (std::size_t j = 0; j < 6; ++j) BOOST_TEST(g(i, j) == Q(i == j ? 1 : 0));
  BOOST_TEST(cayley_orthogonal(5, 6).v == r.v);
  BOOST_TEST(cayley_orthogonal(6, 6).v != r.v);
}

BOOST_AUTO_TEST_CASE(singular_values_of_a_known_matrix) {
  PrecisionScope p(40);
  Mat<mp> m = Mat<mp>::sized(2, 2);
  m(0, 0) = 3; m(0, 1) = 0; m(1, 0) = 4; m(1, 1) = 5;  // singular values 3 sqrt(5), sqrt(5)
  auto s = singular_values(m);
  BOOST_REQUIRE(s.size() == 2u);
  BOOST_TEST(bmp::abs(s[0] - 3 * bmp::sqrt(mp(5))).convert_to<double>() < 1e-35);
  BOOST_TEST(bmp::abs(s[1] - bmp::sqrt(mp(5))).convert_to<double>() < 1e-35);
}

BOOST_AUTO_TEST_SUITE_END()
