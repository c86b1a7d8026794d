#include "flowcert/sym/formula_text.hpp"

#include <cctype>
#include <stdexcept>

namespace flowcert {

namespace {
bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
}  // namespace

std::string exactify_literals(const std::string& s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    bool starts_number = std::isdigit(static_cast<unsigned char>(c)) ||
                         (c == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])));
    if (!starts_number || (i > 0 && ident_char(s[i - 1]))) {
      out += c;
      ++i;
      continue;
    }
    std::string intpart, frac;
    bool dot = false;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || (s[i] == '.' && !dot))) {
      if (s[i] == '.') dot = true;
      else (dot ? frac : intpart) += s[i];
      ++i;
    }
    long exponent = 0;
    bool has_exp = false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
      std::size_t j = i + 1;
      if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
      if (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) {
        std::size_t k = j;
        while (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]))) ++k;
        exponent = std::stol(s.substr(i + 1, k - i - 1));
        has_exp = true;
        i = k;
      }
    }
    if (!dot && !has_exp) {
      out += intpart;
      continue;
    }
    std::string mant = intpart + frac;
    std::size_t nz = mant.find_first_not_of('0');
    mant = nz == std::string::npos ? "0" : mant.substr(nz);
    long e10 = exponent - static_cast<long>(frac.size());
    if (e10 >= 0) out += "(" + mant + std::string(static_cast<std::size_t>(e10), '0') + ")";
    else out += "(" + mant + "/1" + std::string(static_cast<std::size_t>(-e10), '0') + ")";
  }
  return out;
}

std::optional<RelationText> split_relation(const std::string& s) {
  int depth = 0;
  std::optional<RelationText> found;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '(' || c == '[' || c == '{') ++depth;
    else if (c == ')' || c == ']' || c == '}') --depth;
    if (depth != 0) continue;
    std::string op;
    if ((c == '=' || c == '!' || c == '<' || c == '>') && i + 1 < s.size() && s[i + 1] == '=') op = s.substr(i, 2);
    else if (c == '<' || c == '>') op = std::string(1, c);
    else if (c == '=') throw std::invalid_argument("a single '=' in a formula; write '==' for equality");
    if (op.empty()) continue;
    if (found) throw std::invalid_argument("more than one comparison operator at top level");
    found = RelationText{s.substr(0, i), op, s.substr(i + op.size())};
    i += op.size() - 1;
  }
  return found;
}

std::string normalize_formula(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace flowcert
