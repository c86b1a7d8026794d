#include "flowcert/sym/model.hpp"

#include <stdexcept>

namespace flowcert {

namespace {
std::vector<Model>& registry() {
  static std::vector<Model> r;
  return r;
}
}  // namespace

void register_model(Model m) {
  for (const auto& x : registry())
    if (x.name == m.name) throw std::logic_error("model '" + m.name + "' registered twice");
  registry().push_back(std::move(m));
}

const Model* find_model(const std::string& name) {
  for (const auto& m : registry())
    if (m.name == name) return &m;
  return nullptr;
}

const std::vector<Model>& models() { return registry(); }

}  // namespace flowcert
