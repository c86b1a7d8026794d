#include "flowcert/num/decimal.hpp"

#include <cctype>
#include <stdexcept>

namespace flowcert {

Q parse_exact_decimal(const std::string& raw) {
  std::string t;
  for (char c : raw)
    if (!std::isspace(static_cast<unsigned char>(c))) t += c;
  if (t.empty()) throw std::invalid_argument("empty number");
  if (auto slash = t.find('/'); slash != std::string::npos) {
    Q num = parse_exact_decimal(t.substr(0, slash)), den = parse_exact_decimal(t.substr(slash + 1));
    if (den == 0) throw std::invalid_argument("zero denominator in '" + raw + "'");
    return num / den;
  }
  std::size_t i = 0;
  bool neg = false;
  if (t[i] == '+' || t[i] == '-') neg = (t[i++] == '-');
  std::string digits;
  long frac = 0;
  bool seen_dot = false, seen_digit = false;
  for (; i < t.size() && (std::isdigit(static_cast<unsigned char>(t[i])) || t[i] == '.'); ++i) {
    if (t[i] == '.') {
      if (seen_dot) throw std::invalid_argument("two decimal points in '" + raw + "'");
      seen_dot = true;
    } else {
      digits += t[i];
      seen_digit = true;
      if (seen_dot) ++frac;
    }
  }
  if (!seen_digit) throw std::invalid_argument("not a number: '" + raw + "'");
  long exponent = 0;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    std::size_t used = 0;
    try {
      exponent = std::stol(t.substr(i), &used);
    } catch (const std::exception&) {
      throw std::invalid_argument("bad exponent in '" + raw + "'");
    }
    i += used;
  }
  if (i != t.size()) throw std::invalid_argument("not a number: '" + raw + "'");
  if (exponent > 100000 || exponent < -100000) throw std::invalid_argument("exponent out of range in '" + raw + "'");
  std::size_t nz = digits.find_first_not_of('0');
  Z mant(nz == std::string::npos ? std::string("0") : digits.substr(nz));
  long e10 = exponent - frac;
  Z p10 = bmp::pow(Z(10), static_cast<unsigned>(e10 < 0 ? -e10 : e10));
  Q q = e10 >= 0 ? Q(mant * p10) : Q(mant, p10);
  return neg ? Q(-q) : q;
}

std::string exact_string(const Q& q, unsigned max_digits) {
  Z den = bmp::denominator(q), num = bmp::numerator(q);
  if (den == 1) return num.str();
  // Terminating decimal iff the denominator has no prime factors besides 2 and 5.
  Z d = den;
  unsigned twos = 0, fives = 0;
  while (d % 2 == 0) { d /= 2; ++twos; }
  while (d % 5 == 0) { d /= 5; ++fives; }
  unsigned k = std::max(twos, fives);
  if (d != 1 || k > max_digits) return num.str() + "/" + den.str();
  Z scaled = num * bmp::pow(Z(10), k) / den;
  bool neg = scaled < 0;
  std::string s = (neg ? Z(-scaled) : scaled).str();
  if (s.size() <= k) s = std::string(k - s.size() + 1, '0') + s;
  s.insert(s.size() - k, ".");
  return (neg ? "-" : "") + s;
}

std::string mpfr_to_decimal(mpfr_srcptr x, unsigned digits, mpfr_rnd_t rnd) {
  if (mpfr_nan_p(x)) return "nan";
  if (mpfr_inf_p(x)) return mpfr_sgn(x) > 0 ? "inf" : "-inf";
  if (mpfr_zero_p(x)) return "0";
  mpfr_exp_t e = 0;
  char* s = mpfr_get_str(nullptr, &e, 10, digits, x, rnd);
  std::string m(s);
  mpfr_free_str(s);
  bool neg = !m.empty() && m[0] == '-';
  if (neg) m.erase(0, 1);
  std::string out = (neg ? "-" : "") + m.substr(0, 1);
  if (m.size() > 1) out += "." + m.substr(1);
  out += "e" + std::to_string(static_cast<long>(e) - 1);
  return out;
}

std::string to_display(const mp& x, unsigned digits) {
  return mpfr_to_decimal(x.backend().data(), digits, MPFR_RNDN);
}

std::string to_display(const Q& x, unsigned digits) {
  if (bmp::denominator(x) == 1 || exact_string(x, digits).find('/') == std::string::npos) return exact_string(x, digits);
  PrecisionScope p(digits + 5);
  mp v(x);
  return to_display(v, digits);
}

}  // namespace flowcert
