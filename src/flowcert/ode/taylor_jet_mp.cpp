// TaylorJet over MPFR (the high-precision integrator).
#include "flowcert/ode/taylor_jet_impl.hpp"
#include "flowcert/sym/ex_ops.hpp"

namespace flowcert {
extern template class Evaluator<mp>;
template class TaylorJet<mp>;
}  // namespace flowcert
