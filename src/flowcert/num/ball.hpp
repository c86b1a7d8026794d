// A value type over Arb's arb_t (midpoint-radius ball that always contains the true value). Used as the
// second, independent rigorous arithmetic: certificates made with MPFI intervals are re-derived with Arb.
#pragma once
#include <arb.h>

#include <string>

#include "flowcert/num/scalar.hpp"

namespace flowcert {

class Ball {
 public:
  Ball() { arb_init(v_); }
  Ball(long n) { arb_init(v_); arb_set_si(v_, n); }  // NOLINT: implicit from integers is intended
  explicit Ball(const Q& q);
  Ball(const Ball& o) { arb_init(v_); arb_set(v_, o.v_); }
  Ball(Ball&& o) noexcept { arb_init(v_); arb_swap(v_, o.v_); }
  Ball& operator=(const Ball& o) { arb_set(v_, o.v_); return *this; }
  Ball& operator=(Ball&& o) noexcept { arb_swap(v_, o.v_); return *this; }
  ~Ball() { arb_clear(v_); }

  arb_ptr get() { return v_; }
  arb_srcptr get() const { return v_; }

  // Working precision in bits for every Ball operation on this thread.
  static slong& precision();

  friend Ball operator+(const Ball& a, const Ball& b);
  friend Ball operator-(const Ball& a, const Ball& b);
  friend Ball operator*(const Ball& a, const Ball& b);
  friend Ball operator/(const Ball& a, const Ball& b);
  friend Ball operator-(const Ball& a);
  Ball& operator+=(const Ball& b) { return *this = *this + b; }
  Ball& operator-=(const Ball& b) { return *this = *this - b; }
  Ball& operator*=(const Ball& b) { return *this = *this * b; }
  Ball& operator/=(const Ball& b) { return *this = *this / b; }

  // Lower and upper endpoints, rounded outward, as decimal strings with `digits` significant digits.
  std::string lower_string(unsigned digits) const;
  std::string upper_string(unsigned digits) const;

 private:
  arb_t v_;
};

// Ball::precision() set for a scope (a recheck, an Arb confirmation) and restored on exit, also on throw.
struct BallPrecisionScope {
  slong saved;
  explicit BallPrecisionScope(slong bits) : saved(Ball::precision()) { Ball::precision() = bits; }
  ~BallPrecisionScope() { Ball::precision() = saved; }
  BallPrecisionScope(const BallPrecisionScope&) = delete;
  BallPrecisionScope& operator=(const BallPrecisionScope&) = delete;
};

}  // namespace flowcert
