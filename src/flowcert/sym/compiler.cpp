#include "flowcert/sym/compiler.hpp"

#include "flowcert/sym/ex_ops.hpp"

#include <ginac/ginac.h>

#include <array>
#include <cctype>
#include <sstream>
#include <utility>

#include "flowcert/sym/builtins.hpp"
#include "flowcert/sym/formula_text.hpp"
#include "flowcert/sym/model.hpp"

namespace flowcert {

namespace {

// GiNaC's parser maps (name, arity) to a plain function pointer, so each name we add needs a distinct
// reader. A fixed pool of template instances, each bound at run time to one registered GiNaC function.
constexpr int kReaderSlots = 512;
std::array<unsigned, kReaderSlots> g_slot_serial{};
std::map<std::pair<std::string, int>, int> g_slot_of;

template <int N>
GiNaC::ex slot_reader(const GiNaC::exvector& args) {
  return GiNaC::function(g_slot_serial[N], args);
}
template <int... N>
std::array<GiNaC::reader_func, sizeof...(N)> make_readers(std::integer_sequence<int, N...>) {
  return {&slot_reader<N>...};
}
const std::array<GiNaC::reader_func, kReaderSlots> g_readers = make_readers(std::make_integer_sequence<int, kReaderSlots>{});

GiNaC::reader_func reader_for(const std::string& name, int arity) {
  auto key = std::make_pair(name, arity);
  auto it = g_slot_of.find(key);
  if (it != g_slot_of.end()) return g_readers[it->second];
  int slot = static_cast<int>(g_slot_of.size());
  if (slot >= kReaderSlots) throw std::runtime_error("too many distinct function names (limit 512)");
  g_slot_serial[slot] = GiNaC::function::register_new(
      GiNaC::function_options(name, static_cast<unsigned>(arity)).overloaded(32));  // arities share a name
  g_slot_of[key] = slot;
  return g_readers[slot];
}

std::string ex_text(const GiNaC::ex& e) {
  std::ostringstream os;
  os << e;
  std::string s = os.str();
  return s.size() > 120 ? s.substr(0, 117) + "..." : s;
}

bool valid_name(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

}  // namespace

Definition parse_definition_head(const std::string& key, const std::string& text, const SourceRef& where) {
  Definition d;
  d.text = text;
  d.where = where;
  std::string k = normalize_formula(key);
  auto open = k.find('(');
  if (open == std::string::npos) {
    d.name = k;
  } else {
    if (k.back() != ')') throw InputError(where, "malformed definition name '" + key + "' (expected name or name(a, b))");
    d.name = normalize_formula(k.substr(0, open));
    std::string inner = k.substr(open + 1, k.size() - open - 2);
    std::stringstream ss(inner);
    std::string arg;
    while (std::getline(ss, arg, ',')) {
      arg = normalize_formula(arg);
      if (!valid_name(arg)) throw InputError(where, "bad argument name '" + arg + "' in definition '" + key + "'");
      d.args.push_back(arg);
    }
    if (d.args.empty()) throw InputError(where, "definition '" + key + "' has empty parentheses");
  }
  if (!valid_name(d.name)) throw InputError(where, "bad definition name '" + key + "'");
  if (find_builtin(d.name)) throw InputError(where, "definition '" + d.name + "' hides the builtin function of that name");
  return d;
}

struct Compiler::Impl {
  DefTable defs;  // a copy: the compiler outlives no caller's table
  std::vector<std::string> param_names;
  std::map<std::string, GiNaC::symbol> globals;          // params and plain definitions
  std::map<std::string, std::vector<GiNaC::symbol>> def_locals;  // argument symbols of function definitions
  std::map<std::string, GiNaC::ex> parsed_defs;
  GiNaC::prototype_table table;
  Program prog;
  std::map<GiNaC::ex, int, GiNaC::ex_is_less> memo;
  // Arguments passed as an opaque symbol bound to a compiled node (see expand_definition).
  std::map<std::string, int> bound_args;
  long next_bound = 0;
  std::map<std::string, std::string> used_defs;
  std::vector<std::string> def_stack;
  SourceRef current;  // the formula being compiled (for messages)

  Impl(const DefTable& d, std::vector<std::string> params) : defs(d), param_names(std::move(params)) {
    table = GiNaC::get_default_reader();
    for (const auto& b : builtins())
      if (!b.ginac_native)
        for (int n = b.min_args; n <= b.max_args; ++n) table[{b.name, n}] = reader_for(b.name, n);
    for (const auto& m : models()) table[{m.name, m.nargs}] = reader_for(m.name, m.nargs);
    for (const auto& [name, def] : defs)
      if (!def.args.empty()) table[{name, static_cast<int>(def.args.size())}] = reader_for(name, static_cast<int>(def.args.size()));
    for (const auto& p : param_names) {
      globals.emplace(p, GiNaC::symbol(p));
      prog.params.push_back(p);
    }
    for (const auto& [name, def] : defs)
      if (!globals.count(name)) globals.emplace(name, GiNaC::symbol(name));
  }

  GiNaC::ex parse(const std::string& text, const SourceRef& where, const std::vector<std::pair<std::string, GiNaC::symbol>>& locals) {
    GiNaC::symtab st;
    for (const auto& [n, s] : globals) st[n] = s;
    for (const auto& [n, s] : locals) st[n] = s;
    GiNaC::parser p(st, false, table);
    try {
      return p(exactify_literals(text));
    } catch (const std::exception& e) {
      throw InputError(where, "cannot parse `" + text + "`: " + e.what());
    }
  }

  const GiNaC::ex& definition_body(const Definition& d) {
    auto it = parsed_defs.find(d.name);
    if (it != parsed_defs.end()) return it->second;
    std::vector<std::pair<std::string, GiNaC::symbol>> locals;
    std::vector<GiNaC::symbol> syms;
    for (const auto& a : d.args) {
      GiNaC::symbol s(a);
      locals.emplace_back(a, s);
      syms.push_back(s);
    }
    def_locals[d.name] = syms;
    std::string head = d.name;
    if (!d.args.empty()) {
      head += "(";
      for (std::size_t i = 0; i < d.args.size(); ++i) head += (i ? ", " : "") + d.args[i];
      head += ")";
    }
    used_defs[head] = d.text;
    return parsed_defs.emplace(d.name, parse(d.text, d.where, locals)).first->second;
  }

  [[noreturn]] void fail(const std::string& what) {
    std::string msg = what;
    if (!def_stack.empty()) {
      msg += " (in definition";
      for (const auto& d : def_stack) msg += " " + d;
      msg += ")";
      const auto& d = defs.at(def_stack.back());
      SourceRef w = d.where;
      if (w.claim.empty()) w.claim = current.claim;
      throw InputError(w, msg + ", reached from " + current.field);
    }
    throw InputError(current, msg);
  }

  int push(Node n) {
    prog.nodes.push_back(std::move(n));
    return static_cast<int>(prog.nodes.size()) - 1;
  }

  int with_kids(Node n, const GiNaC::ex& e) {
    for (std::size_t i = 0; i < e.nops(); ++i) {
      int k = compile(e.op(i));
      n.kids.push_back(k);
      n.deps |= prog.nodes[static_cast<std::size_t>(k)].deps;
    }
    return push(std::move(n));
  }

  int expand_definition(const Definition& d, const GiNaC::ex& call) {
    for (const auto& s : def_stack)
      if (s == d.name) fail("definition cycle through '" + d.name + "'");
    const GiNaC::ex& body = definition_body(d);
    GiNaC::ex e = body;
    if (!d.args.empty()) {
      GiNaC::exmap m;
      const auto& syms = def_locals.at(d.name);
      for (std::size_t i = 0; i < syms.size(); ++i) {
        // A literal 0 substituted into the body would be folded away by GiNaC with its shape (0*ones(s, s)
        // becomes the scalar 0): pass it as an opaque symbol bound to the compiled constant instead. Other
        // arguments are substituted, so literal exponents stay literal (Taylor mode needs them).
        if (call.op(i).is_zero()) {
          std::string name = "__arg" + std::to_string(next_bound++);
          bound_args[name] = compile(call.op(i));
          m[syms[i]] = GiNaC::symbol(name);
        } else {
          m[syms[i]] = call.op(i);
        }
      }
      e = body.subs(m);
    }
    def_stack.push_back(d.name);
    int id = compile(e);
    def_stack.pop_back();
    return id;
  }

  int compile(const GiNaC::ex& e) {
    if (auto it = memo.find(e); it != memo.end()) return it->second;
    int id = compile_new(e);
    memo.emplace(e, id);
    return id;
  }

  int compile_new(const GiNaC::ex& e) {
    using GiNaC::is_a;
    Node n;
    n.text = ex_text(e);
    if (is_a<GiNaC::numeric>(e)) {
      const auto& num = GiNaC::ex_to<GiNaC::numeric>(e);
      if (!num.is_rational())
        fail(num.is_real() ? "inexact number " + n.text
                           : "complex number " + n.text + " (I is the imaginary unit; for an identity matrix use eye(n))");
      n.kind = Node::Kind::Const;
      n.q = numeric_to_q(num);
      return push(std::move(n));
    }
    if (is_a<GiNaC::constant>(e)) {
      if (e.is_equal(GiNaC::Pi)) n.kind = Node::Kind::Pi;
      else if (e.is_equal(GiNaC::Euler)) n.kind = Node::Kind::Euler;
      else fail("unsupported constant " + n.text);
      return push(std::move(n));
    }
    if (is_a<GiNaC::symbol>(e)) {
      std::string name = GiNaC::ex_to<GiNaC::symbol>(e).get_name();
      if (auto b = bound_args.find(name); b != bound_args.end()) return b->second;
      if (int s = prog.slot_of(name); s >= 0) {
        n.kind = Node::Kind::Param;
        n.slot = s;
        n.deps = std::uint64_t(1) << s;
        return push(std::move(n));
      }
      if (auto d = defs.find(name); d != defs.end()) {
        if (!d->second.args.empty())
          fail("definition '" + name + "' takes " + std::to_string(d->second.args.size()) + " argument(s)");
        return expand_definition(d->second, e);
      }
      std::string known;
      for (const auto& p : param_names) known += (known.empty() ? "" : ", ") + p;
      fail("unknown symbol '" + name + "' (parameters here: " + (known.empty() ? "none" : known) +
           "; or define it under [defs])");
    }
    if (is_a<GiNaC::add>(e)) {
      n.kind = Node::Kind::Add;
      return with_kids(std::move(n), e);
    }
    if (is_a<GiNaC::mul>(e)) {
      n.kind = Node::Kind::Mul;
      return with_kids(std::move(n), e);
    }
    if (is_a<GiNaC::power>(e)) {
      GiNaC::ex expo = e.op(1);
      if (is_a<GiNaC::numeric>(expo) && GiNaC::ex_to<GiNaC::numeric>(expo).is_rational()) {
        n.kind = Node::Kind::PowQ;
        n.q = numeric_to_q(GiNaC::ex_to<GiNaC::numeric>(expo));
        int b = compile(e.op(0));
        n.kids.push_back(b);
        n.deps = prog.nodes[static_cast<std::size_t>(b)].deps;
        return push(std::move(n));
      }
      n.kind = Node::Kind::Pow;
      return with_kids(std::move(n), e);
    }
    if (is_a<GiNaC::function>(e)) {
      std::string name = GiNaC::ex_to<GiNaC::function>(e).get_name();
      int nargs = static_cast<int>(e.nops());
      if (auto d = defs.find(name); d != defs.end() && static_cast<int>(d->second.args.size()) == nargs)
        return expand_definition(d->second, e);
      if (const BuiltinInfo* b = find_builtin(name)) {
        if (nargs < b->min_args || nargs > b->max_args)
          fail("function " + name + " takes " + std::to_string(b->min_args) +
               (b->max_args != b->min_args ? " to " + std::to_string(b->max_args) : "") + " argument(s), got " +
               std::to_string(nargs));
        n.kind = Node::Kind::Call;
        n.fn = b->fn;
        return with_kids(std::move(n), e);
      }
      const auto& ms = models();
      for (std::size_t i = 0; i < ms.size(); ++i)
        if (ms[i].name == name && ms[i].nargs == nargs) {
          n.kind = Node::Kind::Model;
          n.model = static_cast<int>(i);
          return with_kids(std::move(n), e);
        }
      fail("function '" + name + "' with " + std::to_string(nargs) + " argument(s) is not supported");
    }
    fail("unsupported expression " + n.text);
  }
};

Compiler::Compiler(const DefTable& defs, std::vector<std::string> param_names)
    : impl_(std::make_unique<Impl>(defs, std::move(param_names))) {
  if (impl_->param_names.size() > 64) throw std::runtime_error("at most 64 parameters per formula set");
}
Compiler::~Compiler() = default;

int Compiler::add(const std::string& root, const std::string& text, const SourceRef& where) {
  impl_->current = where;
  GiNaC::ex e = impl_->parse(text, where, {});
  int id = impl_->compile(e);
  impl_->prog.roots[root] = id;
  return id;
}

const std::map<std::string, std::string>& Compiler::used_definitions() const { return impl_->used_defs; }

Program Compiler::take() { return std::move(impl_->prog); }

}  // namespace flowcert
