// Explicit instantiation of the evaluator for Q (kept in its own translation unit: these are heavy).
#include "flowcert/sym/evaluator_impl.hpp"
#include "flowcert/sym/ex_ops.hpp"

namespace flowcert {
template class Evaluator<Q>;
}
