#include "flowcert/linalg/singular_values.hpp"

#include <boost/multiprecision/eigen.hpp>
#include <Eigen/SVD>

namespace flowcert {

std::vector<mp> singular_values(const Mat<mp>& a) {
  using M = Eigen::Matrix<mp, Eigen::Dynamic, Eigen::Dynamic>;
  M m(static_cast<Eigen::Index>(a.rows), static_cast<Eigen::Index>(a.cols));
  for (std::size_t i = 0; i < a.rows; ++i)
    for (std::size_t j = 0; j < a.cols; ++j) m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = a(i, j);
  Eigen::JacobiSVD<M> svd(m);
  const auto& s = svd.singularValues();
  return std::vector<mp>(s.data(), s.data() + s.size());
}

}  // namespace flowcert
