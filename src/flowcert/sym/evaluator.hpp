// Evaluator<T>: evaluates a Program at one point in the arithmetic T (mp, iv, Q, Ball or GiNaC::ex).
// Node values are cached; setting a parameter invalidates only the nodes that depend on it.
#pragma once
#include <string>
#include <vector>

#include "flowcert/linalg/mat.hpp"
#include "flowcert/sym/program.hpp"

namespace flowcert {

// A parameter that a point does not set, or an evaluation error, is reported with this.
struct EvalError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

template <class T>
class Evaluator {
 public:
  explicit Evaluator(const Program& p);
  // Sets parameter `slot` to an exact value (converted to T).
  void set(int slot, const Mat<Q>& exact);
  // Sets parameter `slot` to a value of T directly (symbols, for symbolic evaluation).
  void set_value(int slot, Mat<T> value);
  // Evaluates the node; DomainError/ShapeError carry the failing subexpression in their message.
  const Mat<T>& value(int node);
  const Mat<T>& root(const std::string& name) { return value(prog_.roots.at(name)); }
  const Program& program() const { return prog_; }

 private:
  Mat<T> compute(const Node& n);
  void invalidate(std::uint64_t changed);

  const Program& prog_;
  std::vector<Mat<T>> cache_;
  std::vector<char> valid_;
  std::vector<Mat<T>> params_;
  std::vector<char> param_set_;
};

}  // namespace flowcert
