// Taylor coefficients of the solution of an OdeSystem by automatic differentiation: every node of the
// compiled field carries its Taylor series in time, computed order by order with the recurrences of
// Taylor arithmetic (Cauchy products for *, mm, dot; exp, log, powers and softmax by their ODE-derived
// recurrences). y_{k+1} = f_k / (k + 1). Nodes that do not depend on state or time are constants.
#pragma once
#include <vector>

#include "flowcert/ode/system.hpp"

namespace flowcert {

template <class T>
class TaylorJet {
 public:
  TaylorJet(const OdeSystem& sys, const std::vector<std::pair<int, Mat<Q>>>& constants);
  // Taylor coefficients y_0..y_order of every state variable at (y0, t0): result[k][var].
  std::vector<std::vector<Mat<T>>> expand(const std::vector<Mat<T>>& y0, const T& t0, int order);
  // The field f(y0, t0) (order-0 evaluation), for one-step methods that need only f.
  const OdeSystem& system() const { return sys_; }

 private:
  void coefficient(std::size_t node, int k);
  const OdeSystem& sys_;
  std::vector<char> varies_;                    // node depends on state or time
  std::vector<std::vector<Mat<T>>> c_;          // c_[node][k]
  std::vector<std::vector<std::vector<Mat<T>>>> partial_;  // Mul chains / integer powers: partial series
  std::vector<Mat<T>> const_value_;
  std::vector<Mat<T>> zero_;                    // zero of each constant node's shape
  std::vector<T> shift_;                        // softmax: exact shift per node
};

}  // namespace flowcert
