// The scalar types flowcert computes with, and the precision they run at.
//   mp  : MPFR floating point at a runtime precision (Boost.Multiprecision), for high-precision evidence;
//   iv  : MPFI intervals (Boost.Multiprecision), for certified signs and enclosures;
//   Q   : exact GMP rationals, for exact identities and exact inputs;
//   Ball: Arb midpoint-radius balls (num/ball.hpp), the independent rigorous path used by `recheck`.
#pragma once
#include <boost/multiprecision/gmp.hpp>
#include <boost/multiprecision/mpfi.hpp>
#include <boost/multiprecision/mpfr.hpp>
#include <stdexcept>
#include <string>

namespace flowcert {

namespace bmp = boost::multiprecision;
using mp = bmp::number<bmp::mpfr_float_backend<0>, bmp::et_off>;
using iv = bmp::number<bmp::mpfi_float_backend<0>, bmp::et_off>;
using Q = bmp::number<bmp::gmp_rational, bmp::et_off>;
using Z = bmp::number<bmp::gmp_int, bmp::et_off>;

// An evaluation that left its mathematical domain: log of a negative number, an index out of range,
// division by an exact zero, an interval enclosure that blew up. The message says what and where.
struct DomainError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Bits of binary precision that hold `digits` decimal digits.
inline unsigned digits_to_bits(unsigned digits) { return static_cast<unsigned>(digits * 3.3219280948873623 + 1.0); }
inline unsigned bits_to_digits(unsigned bits) { return static_cast<unsigned>((bits - 1) * 0.30102999566398120); }

// Sets the working precision of mp and iv (in decimal digits) for the current scope.
class PrecisionScope {
 public:
  explicit PrecisionScope(unsigned digits)
      : old_mp_(mp::default_precision()), old_iv_(iv::default_precision()) {
    mp::default_precision(digits);
    iv::default_precision(digits);
  }
  ~PrecisionScope() {
    mp::default_precision(old_mp_);
    iv::default_precision(old_iv_);
  }
  PrecisionScope(const PrecisionScope&) = delete;
  PrecisionScope& operator=(const PrecisionScope&) = delete;

 private:
  unsigned old_mp_, old_iv_;
};

}  // namespace flowcert
