// Every paper's C++ models, registered once. A new paper adds its register_models() call here.
#include "flowcert/sym/model.hpp"
#include "proofs/000-softmax-hadamard/models.hpp"
#include "proofs/001-deep-matrix-completion/models.hpp"

namespace flowcert {

void register_paper_models() {
  static const bool done = [] {
    paper000::register_models();
    paper001::register_models();
    return true;
  }();
  (void)done;
}

}  // namespace flowcert
