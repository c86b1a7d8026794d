// Key values a check hands to baselines (`regress`): a number with the digits that are trusted. From an
// enclosure [lo, hi] the trusted digits are -log10(width / |mid|); from MPFR results, the caller's estimate
// (the agreement of two precisions or integrators). At most kMaxValues per check are kept.
#pragma once
#include <cmath>
#include <string>

#include "flowcert/claims/result.hpp"
#include "flowcert/num/decimal.hpp"

namespace flowcert {

inline constexpr std::size_t kMaxValues = 100;

inline void add_value(CheckResult& r, KeyValue v) {
  if (r.values.size() < kMaxValues) r.values.push_back(std::move(v));
}

// The midpoint of exact decimal bounds, with the digits their width leaves (capped at 60).
inline KeyValue enclosure_value(const std::string& name, const std::string& lo, const std::string& hi) {
  Q l = parse_exact_decimal(lo), h = parse_exact_decimal(hi), mid = (l + h) / 2;
  double w = static_cast<double>(Q(h - l)), m = std::abs(static_cast<double>(mid));
  double digits = w <= 0 ? 60.0 : (m > 0 ? std::min(60.0, std::max(0.0, -std::log10(w / m))) : 0.0);
  return KeyValue{name, to_display(mid, static_cast<int>(std::ceil(digits)) + 3), digits, 0};
}

// An MPFR value with a given number of trusted digits (capped at 60).
inline KeyValue mp_value(const std::string& name, const mp& x, double digits) {
  digits = std::min(60.0, std::max(0.0, digits));
  return KeyValue{name, to_display(x, static_cast<int>(std::ceil(digits)) + 3), digits, 0};
}

}  // namespace flowcert
