#include "flowcert/num/ball.hpp"

#include <flint/fmpq.h>
#include <mpfr.h>

#include "flowcert/num/decimal.hpp"

namespace flowcert {

slong& Ball::precision() {
  thread_local slong prec = 256;
  return prec;
}

Ball::Ball(const Q& q) {
  arb_init(v_);
  fmpq_t f;
  fmpq_init(f);
  fmpq_set_mpq(f, q.backend().data());
  arb_set_fmpq(v_, f, precision());
  fmpq_clear(f);
}

Ball operator+(const Ball& a, const Ball& b) { Ball r; arb_add(r.get(), a.get(), b.get(), Ball::precision()); return r; }
Ball operator-(const Ball& a, const Ball& b) { Ball r; arb_sub(r.get(), a.get(), b.get(), Ball::precision()); return r; }
Ball operator*(const Ball& a, const Ball& b) { Ball r; arb_mul(r.get(), a.get(), b.get(), Ball::precision()); return r; }
Ball operator/(const Ball& a, const Ball& b) { Ball r; arb_div(r.get(), a.get(), b.get(), Ball::precision()); return r; }
Ball operator-(const Ball& a) { Ball r; arb_neg(r.get(), a.get()); return r; }

namespace {
std::string endpoint_string(const Ball& b, bool upper, unsigned digits) {
  mpfr_t lo, hi;
  mpfr_init2(lo, Ball::precision() + 64);
  mpfr_init2(hi, Ball::precision() + 64);
  arb_get_interval_mpfr(lo, hi, b.get());
  std::string s = mpfr_to_decimal(upper ? hi : lo, digits, upper ? MPFR_RNDU : MPFR_RNDD);
  mpfr_clear(lo);
  mpfr_clear(hi);
  return s;
}
}  // namespace

std::string Ball::lower_string(unsigned digits) const { return endpoint_string(*this, false, digits); }
std::string Ball::upper_string(unsigned digits) const { return endpoint_string(*this, true, digits); }

}  // namespace flowcert
