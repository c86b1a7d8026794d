// Models: functions a paper needs that are better written in C++ than as a formula (matrix-valued maps,
// flows). A paper's folder in proofs/ registers them by name; formulas call them like builtins.
// A model is one generic C++ callable, instantiated for every scalar type flowcert evaluates with.
#pragma once
#include <ginac/ginac.h>

#include <functional>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "flowcert/linalg/mat.hpp"
#include "flowcert/num/ball.hpp"
#include "flowcert/num/scalar.hpp"

namespace flowcert {

template <class T>
using ModelArgs = std::vector<const Mat<T>*>;
template <class T>
using ModelFn = std::function<Mat<T>(const ModelArgs<T>&)>;

struct Model {
  std::string name;
  int nargs;
  std::string doc;
  std::tuple<ModelFn<mp>, ModelFn<iv>, ModelFn<Q>, ModelFn<Ball>, ModelFn<GiNaC::ex>> fns;

  template <class T>
  const ModelFn<T>& fn() const { return std::get<ModelFn<T>>(fns); }
};

// The arithmetics a model is instantiated for (others, such as the AD scalar Jet1, cannot call models).
template <class T>
inline constexpr bool model_arithmetic = std::is_same_v<T, mp> || std::is_same_v<T, iv> || std::is_same_v<T, Q> ||
                                         std::is_same_v<T, Ball> || std::is_same_v<T, GiNaC::ex>;

// Registers a model; `f` must be callable as f(const ModelArgs<T>&) -> Mat<T> for every scalar type.
// Arithmetic a model cannot support should throw DomainError from that instantiation.
template <class F>
Model make_model(std::string name, int nargs, std::string doc, F f) {
  return Model{std::move(name), nargs, std::move(doc),
               {ModelFn<mp>(f), ModelFn<iv>(f), ModelFn<Q>(f), ModelFn<Ball>(f), ModelFn<GiNaC::ex>(f)}};
}

void register_model(Model m);
const Model* find_model(const std::string& name);
const std::vector<Model>& models();

// Registers every paper's models (proofs/models.cpp); idempotent.
void register_paper_models();

}  // namespace flowcert
