#include "flowcert/random/layers.hpp"

#include <sstream>
#include <stdexcept>

namespace flowcert {

void LayerModel::validate() const {
  if (n < 1 || n > 4096) throw std::invalid_argument("width n = " + std::to_string(n) + " is outside 1..4096");
  if (!(p > 0 && p <= 1)) throw std::invalid_argument("gate probability p must be in (0, 1]");
  if (r < 0 || r > n) throw std::invalid_argument("rank condition r = " + std::to_string(r) + " is outside 0..n");
  if (!(sigma > 0)) throw std::invalid_argument("sigma must be positive");
}

std::string LayerModel::describe() const {
  std::ostringstream o;
  o << "n=" << n << " p=" << p << " r=" << r << " sigma=" << sigma << (fgln ? " fgln" : "");
  return o.str();
}

}  // namespace flowcert
