#include "flowcert/claims/formula_texts.hpp"

#include "checks/relation.hpp"

#include "flowcert/cert/sha256.hpp"
#include "flowcert/claims/instances.hpp"
#include "flowcert/num/decimal.hpp"
#include "flowcert/sym/compiler.hpp"
#include "flowcert/sym/formula_text.hpp"

namespace flowcert {

namespace {

std::string value_text(const Mat<Q>& m) {
  if (m.scalar) return exact_string(m.v.at(0), 80);
  std::string s = "[";
  for (std::size_t i = 0; i < m.rows; ++i) {
    s += i ? "; " : "";
    for (std::size_t j = 0; j < m.cols; ++j) s += (j ? ", " : "") + exact_string(m(i, j), 80);
  }
  return s + "]";
}

}  // namespace

std::map<std::string, std::string> claim_formula_texts(const Claim& claim) {
  std::map<std::string, std::string> out;
  for (std::size_t k = 0; k < claim.checks.size(); ++k) {
    const CheckSpec& s = claim.checks[k];
    const std::string tag = "check " + std::to_string(k + 1) + (s.name.empty() ? "" : " (" + s.name + ")") + " | ";
    // Every formula the check's kind may read, and the names a formula can refer to.
    std::map<std::string, std::string> formulas;
    for (const auto& [f, t] : s.formulas) formulas[f] = t.text;
    for (const auto& [v, t] : s.unknowns) formulas["start " + v] = t.text;
    if (!s.equations.empty()) formulas["equations"] = s.equations;
    if (!s.polynomial.empty()) formulas["polynomial in " + s.variable] = s.polynomial;
    for (std::size_t w = 0; w < s.window.size(); ++w) formulas[w ? "window to" : "window from"] = s.window[w];
    for (const auto& [v, t] : s.field) formulas["d/dt " + v] = t.text;
    for (const auto& [v, t] : s.state) formulas[v + "(0)"] = t.text;
    for (const auto& [v, t] : s.map) formulas["map " + v] = t.text;
    for (const auto& [v, t] : s.iterate_state) formulas["map " + v + "(0)"] = t.text;
    for (std::size_t i = 0; i < s.times.size(); ++i) formulas["time " + std::to_string(i + 1)] = s.times[i];
    for (const auto& [name, t] : std::map<std::string, std::string>{{"quantity", s.quantity}, {"rate", s.rate}, {"tends_to", s.tends_to},
                                                                     {"slope", s.slope}, {"step_time", s.step_time}})
      if (!t.empty()) formulas[name] = t;
    std::vector<std::string> names = input_names(s);
    for (const char* extra : {"t", "k", "value", "tstar", "kstar"}) names.emplace_back(extra);
    for (const auto& [v, t] : s.map) names.push_back(v);
    // The relation (holds, or lhs == rhs) and the definitions it uses.
    if (s.formulas.count("holds") || s.formulas.count("lhs") || s.formulas.count("rhs")) {
      try {
        for (const auto& [head, body] : compile_relation(claim, s).defs) out["def " + head] = normalize_formula(body);
      } catch (const InputError&) {
      }
    }
    for (const auto& [f, text] : formulas) {
      out[tag + f] = normalize_formula(text);
      if (text == "inf" || text == "-inf" || f == "holds" || f == "lhs" || f == "rhs") continue;
      // The definitions it uses (a formula that does not compile here is reported by its kind when run).
      try {
        Compiler c(effective_defs(claim, s), names);
        c.add("f", text, s.where);
        for (const auto& [head, body] : c.used_definitions()) out["def " + head] = normalize_formula(body);
      } catch (const InputError&) {
      }
    }
    for (const auto& [n, v] : s.params) out[tag + "param " + n] = value_text(v.value);
    for (const auto& ax : s.grid) {
      std::string vals;
      for (const auto& v : ax.values) vals += (vals.empty() ? "" : ", ") + value_text(v);
      out[tag + "grid " + ax.name] = ax.range_lo.empty() ? vals : ax.range_lo + ".." + ax.range_hi;
    }
    for (const auto& r : s.random)
      out[tag + "random " + r.name] = r.dist + " [" + exact_string(r.lo) + ", " + exact_string(r.hi) + "] size " + r.size;
    out[tag + "kind"] = s.kind;
  }
  return out;
}

std::string claim_formula_hash(const Claim& claim) {
  std::string text;
  for (const auto& [k, v] : claim_formula_texts(claim)) text += k + " = " + v + "\n";
  return sha256_hex(text);
}

}  // namespace flowcert
