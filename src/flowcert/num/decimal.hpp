// Exact decimal strings <-> rationals, and directed-rounding decimal output of MPFR values. Inputs of a
// claim and the bounds of a certificate are exact decimal strings, so anyone can re-read them exactly.
#pragma once
#include <mpfr.h>

#include <string>

#include "flowcert/num/scalar.hpp"

namespace flowcert {

// Parses "12", "-1.25", "3e-4", "1.5E+10", "7/3" exactly. Throws std::invalid_argument on anything else
// (including "nan" and "inf").
Q parse_exact_decimal(const std::string& text);

// Writes q exactly if it is a terminating decimal with at most `max_digits` digits, else as "p/q".
std::string exact_string(const Q& q, unsigned max_digits = 60);

// x rounded in direction `rnd` to `digits` significant decimal digits, as "d.ddddde±N" (or "0").
std::string mpfr_to_decimal(mpfr_srcptr x, unsigned digits, mpfr_rnd_t rnd);

// Short human-readable forms (round to nearest).
std::string to_display(const mp& x, unsigned digits = 16);
std::string to_display(const Q& x, unsigned digits = 16);

}  // namespace flowcert
