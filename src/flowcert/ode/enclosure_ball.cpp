// Rigorous ODE enclosures (and the Taylor jet they use) instantiated for Ball.
#include "flowcert/ode/enclosure_impl.hpp"
#include "flowcert/sym/ex_ops.hpp"

namespace flowcert {
extern template class Evaluator<Ball>;
template class TaylorJet<Ball>;
template std::vector<EnclosureStep<Ball>> enclose_flow<Ball>(const OdeSystem&, const std::vector<std::pair<int, Mat<Q>>>&,
                                                       const std::vector<Mat<Ball>>&, const Q&, const std::vector<Q>&,
                                                       const EnclosureOptions&);
template std::string validate_step<Ball>(const OdeSystem&, const std::vector<std::pair<int, Mat<Q>>>&, const EnclosureStep<Ball>&, int, const LohnerSet<Ball>*);
template std::vector<Mat<Ball>> range_enclosure<Ball>(const OdeSystem&, const std::vector<std::pair<int, Mat<Q>>>&,
                                                      const EnclosureStep<Ball>&, const Q&, const Q&, int);
template double max_width<Ball>(const std::vector<Mat<Ball>>&);
}  // namespace flowcert
