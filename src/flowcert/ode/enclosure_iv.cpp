// Rigorous ODE enclosures (and the Taylor jet they use) instantiated for iv.
#include "flowcert/ode/enclosure_impl.hpp"
#include "flowcert/sym/ex_ops.hpp"

namespace flowcert {
extern template class Evaluator<iv>;
template class TaylorJet<iv>;
template std::vector<EnclosureStep<iv>> enclose_flow<iv>(const OdeSystem&, const std::vector<std::pair<int, Mat<Q>>>&,
                                                       const std::vector<Mat<iv>>&, const Q&, const std::vector<Q>&,
                                                       const EnclosureOptions&);
template std::string validate_step<iv>(const OdeSystem&, const std::vector<std::pair<int, Mat<Q>>>&, const EnclosureStep<iv>&, int, const LohnerSet<iv>*);
template std::vector<Mat<iv>> range_enclosure<iv>(const OdeSystem&, const std::vector<std::pair<int, Mat<Q>>>&,
                                                      const EnclosureStep<iv>&, const Q&, const Q&, int);
template double max_width<iv>(const std::vector<Mat<iv>>&);
}  // namespace flowcert
