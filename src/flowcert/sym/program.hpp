// A compiled formula set: GiNaC expressions lowered to a DAG of nodes with every name resolved. Identical
// subexpressions share one node (common subexpression elimination through GiNaC's canonical forms), and each
// node records which parameters it depends on, so an evaluator recomputes only what a new point changes.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "flowcert/num/scalar.hpp"
#include "flowcert/sym/builtins.hpp"

namespace flowcert {

struct Node {
  enum class Kind { Const, Pi, Euler, Param, Add, Mul, Pow, PowQ, Call, Model };
  Kind kind = Kind::Const;
  Q q;                         // Const value, or the exponent of PowQ
  int slot = -1;               // Param slot
  Fn fn = Fn::Exp;             // Call
  int model = -1;              // Model index in models()
  std::vector<int> kids;
  std::uint64_t deps = 0;      // bit s set: depends on parameter slot s
  std::string text;            // the subexpression, for error messages
};

struct Program {
  std::vector<Node> nodes;
  std::vector<std::string> params;      // slot -> parameter name
  std::map<std::string, int> roots;     // named formulas (e.g. "lhs", "rhs") -> node

  // Whether any node reads parameter `slot` (a declared input need not be used).
  bool uses(int slot) const {
    for (const auto& n : nodes)
      if (n.kind == Node::Kind::Param && n.slot == slot) return true;
    return false;
  }

  int slot_of(const std::string& name) const {
    for (std::size_t i = 0; i < params.size(); ++i)
      if (params[i] == name) return static_cast<int>(i);
    return -1;
  }
};

}  // namespace flowcert
