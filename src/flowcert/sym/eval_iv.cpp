// Explicit instantiation of the evaluator for iv (kept in its own translation unit: these are heavy).
#include "flowcert/sym/evaluator_impl.hpp"
#include "flowcert/sym/ex_ops.hpp"

namespace flowcert {
template class Evaluator<iv>;
}
