// Explicit instantiation of the evaluator for IEEE double (fast, non-rigorous discrete iterations).
#include "flowcert/sym/evaluator_impl.hpp"
#include "flowcert/sym/ex_ops.hpp"

namespace flowcert {
template class Evaluator<double>;
}
