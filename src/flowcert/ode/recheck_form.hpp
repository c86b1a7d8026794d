// What a recheck sees of an MPFI enclosure: each interval as the certificate writes it (outward decimals
// with `digits` significant digits), read back as an Arb ball. Used to confirm steps before they are
// accepted (so that the written certificate rechecks) and by tests of the enclosure engine.
#pragma once
#include <vector>

#include "flowcert/linalg/mat.hpp"
#include "flowcert/num/decimal.hpp"
#include "flowcert/num/interval_ops.hpp"
#include "flowcert/ode/lohner.hpp"

namespace flowcert {

inline Ball recheck_ball(const iv& x, unsigned digits) {
  return IntervalOps<Ball>::from_bounds(parse_exact_decimal(IntervalOps<iv>::lower(x, digits)),
                                        parse_exact_decimal(IntervalOps<iv>::upper(x, digits)));
}

inline std::vector<Mat<Ball>> recheck_box(const std::vector<Mat<iv>>& box, unsigned digits) {
  std::vector<Mat<Ball>> out;
  for (const auto& m : box) out.push_back(Mat<Ball>::from(m, [&](const iv& x) { return recheck_ball(x, digits); }));
  return out;
}

// The exact centre and frame as they are, the coordinates as outward decimals.
inline LohnerSet<Ball> recheck_set(const LohnerSet<iv>& set, unsigned digits) {
  LohnerSet<Ball> out;
  out.x = set.x;
  out.A = set.A;
  for (const iv& r : set.r) out.r.push_back(recheck_ball(r, digits));
  return out;
}

// A whole step, as the recheck reads it.
inline EnclosureStep<Ball> recheck_step(const EnclosureStep<iv>& st, unsigned digits) {
  return EnclosureStep<Ball>{st.t0, st.t1, recheck_box(st.start, digits), recheck_box(st.apriori, digits), recheck_box(st.end, digits),
                             recheck_set(st.frame_in, digits), recheck_set(st.frame, digits)};
}

}  // namespace flowcert
