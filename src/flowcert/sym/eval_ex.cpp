// Explicit instantiation of the evaluator for GiNaC expressions (symbolic evaluation).
#include "flowcert/sym/ex_ops.hpp"
#include "flowcert/sym/evaluator_impl.hpp"

namespace flowcert {
template class Evaluator<GiNaC::ex>;
}
