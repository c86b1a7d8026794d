// Set operations on the two rigorous arithmetics (MPFI intervals, Arb balls): hull, containment, width,
// construction from exact bounds. Used by the rigorous ODE enclosures and their rechecks.
#pragma once
#include <string>

#include "flowcert/num/ops.hpp"

namespace flowcert {

template <class T>
struct IntervalOps;

template <>
struct IntervalOps<iv> {
  static iv hull(const iv& a, const iv& b) {
    iv r;
    mpfi_union(r.backend().data(), a.backend().data(), b.backend().data());
    return r;
  }
  static bool subset(const iv& inner, const iv& outer) {
    return mpfi_is_inside(inner.backend().data(), outer.backend().data()) > 0;
  }
  // inner lies in the interior of outer / the two share no point.
  static bool strictly_inside(const iv& inner, const iv& outer) {
    return mpfi_is_strictly_inside(inner.backend().data(), outer.backend().data()) > 0;
  }
  static bool disjoint(const iv& a, const iv& b) {
    return mpfr_cmp(&a.backend().data()->right, &b.backend().data()->left) < 0 ||
           mpfr_cmp(&b.backend().data()->right, &a.backend().data()->left) < 0;
  }
  static iv from_bounds(const Q& lo, const Q& hi) {
    iv a = Ops<iv>::from_q(lo), b = Ops<iv>::from_q(hi);
    return hull(a, b);
  }
  static double width(const iv& x) {
    auto d = x.backend().data();
    mpfr_t w;
    mpfr_init2(w, 64);
    mpfr_sub(w, &d->right, &d->left, MPFR_RNDU);
    double r = mpfr_get_d(w, MPFR_RNDU);
    mpfr_clear(w);
    return r;
  }
  static double magnitude(const iv& x) {
    auto d = x.backend().data();
    return std::max(std::abs(mpfr_get_d(&d->left, MPFR_RNDU)), std::abs(mpfr_get_d(&d->right, MPFR_RNDU)));
  }
  // x widened by rel * |x| + abs on each side.
  static iv inflate(const iv& x, double rel, double abs) {
    double r = rel * magnitude(x) + abs + rel * width(x);
    iv e;
    mpfi_interv_d(e.backend().data(), -r, r);
    return x + e;
  }
  static iv intersect(const iv& a, const iv& b) {
    iv r;
    mpfi_intersect(r.backend().data(), a.backend().data(), b.backend().data());
    if (mpfi_is_empty(r.backend().data())) throw DomainError("two enclosures of the same value are disjoint");
    return r;
  }
  static iv mid(const iv& x) {
    mpfr_t m;
    mpfr_init2(m, mpfi_get_prec(x.backend().data()));
    mpfi_mid(m, x.backend().data());
    iv r;
    mpfi_set_fr(r.backend().data(), m);
    mpfr_clear(m);
    return r;
  }
  static std::string lower(const iv& x, unsigned digits) { return mpfr_to_decimal(&x.backend().data()->left, digits, MPFR_RNDD); }
  static std::string upper(const iv& x, unsigned digits) { return mpfr_to_decimal(&x.backend().data()->right, digits, MPFR_RNDU); }
};

template <>
struct IntervalOps<Ball> {
  static Ball hull(const Ball& a, const Ball& b) {
    Ball r;
    arb_union(r.get(), a.get(), b.get(), Ball::precision());
    return r;
  }
  static bool subset(const Ball& inner, const Ball& outer) { return arb_contains(outer.get(), inner.get()); }
  static bool strictly_inside(const Ball& inner, const Ball& outer) { return arb_contains_interior(outer.get(), inner.get()); }
  static bool disjoint(const Ball& a, const Ball& b) { return !arb_overlaps(a.get(), b.get()); }
  static Ball from_bounds(const Q& lo, const Q& hi) {
    Ball a(lo), b(hi);
    return hull(a, b);
  }
  static double width(const Ball& x) { return 2 * mag_get_d(arb_radref(x.get())); }
  static double magnitude(const Ball& x) {
    return std::abs(arf_get_d(arb_midref(x.get()), ARF_RND_UP)) + mag_get_d(arb_radref(x.get()));
  }
  static Ball inflate(const Ball& x, double rel, double abs) {
    Ball r = x;
    mag_t m;
    mag_init(m);
    mag_set_d(m, rel * magnitude(x) + abs + rel * width(x));
    arb_add_error_mag(r.get(), m);
    mag_clear(m);
    return r;
  }
  static Ball intersect(const Ball& a, const Ball& b) {
    Ball r;
    if (!arb_intersection(r.get(), a.get(), b.get(), Ball::precision())) throw DomainError("two enclosures of the same value are disjoint");
    return r;
  }
  static Ball mid(const Ball& x) {
    Ball r;
    arb_get_mid_arb(r.get(), x.get());
    return r;
  }
  static std::string lower(const Ball& x, unsigned digits) { return x.lower_string(digits); }
  static std::string upper(const Ball& x, unsigned digits) { return x.upper_string(digits); }
};

}  // namespace flowcert
