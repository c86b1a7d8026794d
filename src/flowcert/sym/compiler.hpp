// Formula text -> Program. Definitions (`defs` of a claims file) are expanded on use; a definition with
// arguments, e.g. "bvec(P, v)" = "mm(P, exp(-mm(P, v)))", is a macro substituted by GiNaC. Unknown symbols,
// unknown functions, wrong arities, definition cycles and parse errors are InputErrors naming the source.
#pragma once
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "flowcert/sym/program.hpp"
#include "flowcert/sym/source.hpp"

namespace flowcert {

struct Definition {
  std::string name;
  std::vector<std::string> args;  // empty for a plain definition
  std::string text;
  SourceRef where;
};

// name -> definition; a claim's own definitions replace the paper-wide ones of the same name.
using DefTable = std::map<std::string, Definition>;

// Parses "name" or "name(a, b)" (the key of a definition).
Definition parse_definition_head(const std::string& key, const std::string& text, const SourceRef& where);

class Compiler {
 public:
  // `param_names`: the symbols that are inputs (parameters, grid and random variables).
  Compiler(const DefTable& defs, std::vector<std::string> param_names);
  ~Compiler();
  Compiler(const Compiler&) = delete;
  Compiler& operator=(const Compiler&) = delete;

  // Compiles one formula under a root name; returns its node index.
  int add(const std::string& root, const std::string& text, const SourceRef& where);
  // The definitions (name -> text) reached so far: what a certificate must carry to be self-contained.
  const std::map<std::string, std::string>& used_definitions() const;
  Program take();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace flowcert
