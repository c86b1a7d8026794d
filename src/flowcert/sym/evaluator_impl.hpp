// Definition of Evaluator<T>; included only by the eval_<type>.cpp files that instantiate it.
#pragma once
#include <algorithm>
#include <cstring>
#include <optional>

#include "flowcert/linalg/gauss.hpp"
#include "flowcert/linalg/hadamard.hpp"
#include "flowcert/linalg/orthogonal.hpp"
#include "flowcert/linalg/spectral_mp.hpp"
#include "flowcert/num/ops.hpp"
#include "flowcert/sym/evaluator.hpp"
#include "flowcert/sym/ex_ops.hpp"
#include "flowcert/sym/model.hpp"

namespace flowcert {

template <class T>
Evaluator<T>::Evaluator(const Program& p)
    : prog_(p), cache_(p.nodes.size()), valid_(p.nodes.size(), 0), params_(p.params.size()),
      param_set_(p.params.size(), 0) {}

template <class T>
void Evaluator<T>::invalidate(std::uint64_t changed) {
  for (std::size_t i = 0; i < prog_.nodes.size(); ++i)
    if (prog_.nodes[i].deps & changed) valid_[i] = 0;
}

template <class T>
void Evaluator<T>::set(int slot, const Mat<Q>& exact) {
  set_value(slot, Mat<T>::from(exact, [](const Q& q) { return Ops<T>::from_q(q); }));
}

template <class T>
void Evaluator<T>::set_value(int slot, Mat<T> value) {
  auto s = static_cast<std::size_t>(slot);
  params_.at(s) = std::move(value);
  param_set_[s] = 1;
  invalidate(std::uint64_t(1) << slot);
}

template <class T>
const Mat<T>& Evaluator<T>::value(int node) {
  auto i = static_cast<std::size_t>(node);
  if (valid_[i]) return cache_[i];
  const Node& n = prog_.nodes[i];
  try {
    cache_[i] = compute(n);
  } catch (const DomainError& e) {
    if (std::strstr(e.what(), " [in `")) throw;
    throw DomainError(std::string(e.what()) + " [in `" + n.text + "`]");
  } catch (const ShapeError& e) {
    if (std::strstr(e.what(), " [in `")) throw;
    throw ShapeError(std::string(e.what()) + " [in `" + n.text + "`]");
  } catch (const std::domain_error& e) {
    throw DomainError(std::string(e.what()) + " [in `" + n.text + "`]");
  }
  for (const T& x : cache_[i].v)
    if (!Ops<T>::finite(x)) throw DomainError("the value is not finite (overflow, NaN or an unbounded enclosure) [in `" + n.text + "`]");
  valid_[i] = 1;
  return cache_[i];
}

// The inverse of Ei on (x0, inf), x0 = 0.3725 the zero of Ei, where Ei is increasing: Newton's method
// u <- u - (Ei(u) - y) u e^{-u} from the asymptotic guess u = log(y) + log(log(y)) (or u = 1 for small y).
inline mp ei_inverse(const mp& y) {
  mp u = y > 3 ? mp(bmp::log(y) + bmp::log(bmp::log(y))) : mp(1);
  for (int it = 0; it < 200; ++it) {
    mp ei;
    mpfr_eint(ei.backend().data(), u.backend().data(), MPFR_RNDN);
    mp step = (ei - y) * u * bmp::exp(-u);
    mp next = u - step;
    if (next <= mp("0.3725")) next = (u + mp("0.3725")) / 2;
    if (bmp::abs(next - u) <= bmp::abs(u) * bmp::pow(mp(10), -static_cast<long>(mp::default_precision()))) return next;
    u = next;
  }
  throw DomainError("Eiinv: Newton's method did not converge");
}

namespace detail {

template <class T>
Mat<T> softmax_columns(const Mat<T>& a) {
  // A vector (either orientation) is one distribution; a matrix is one distribution per column.
  bool vector = a.scalar || a.rows == 1 || a.cols == 1;
  Mat<T> out = a;
  std::size_t groups = vector ? 1 : a.cols, len = vector ? a.v.size() : a.rows;
  for (std::size_t g = 0; g < groups; ++g) {
    auto at = [&](Mat<T>& m, std::size_t k) -> T& { return vector ? m.v[k] : m(k, g); };
    // Shift by an exactly representable approximation of the column maximum (softmax is invariant to
    // shifts; an exact shift adds no width to an enclosure).
    T shift(0);
    if constexpr (!std::is_same_v<T, GiNaC::ex>) {
      double mx = -1e300;
      for (std::size_t k = 0; k < len; ++k) mx = std::max(mx, Ops<T>::to_double(at(out, k)));
      shift = Ops<T>::from_q(Q(mx));
    }
    T total(0);
    for (std::size_t k = 0; k < len; ++k) {
      at(out, k) = Ops<T>::exp(at(out, k) - shift);
      total += at(out, k);
    }
    for (std::size_t k = 0; k < len; ++k) at(out, k) = Ops<T>::div(at(out, k), total);
  }
  return out;
}

template <class T>
Mat<T> concat(const std::vector<const Mat<T>*>& parts, bool vertical) {
  std::size_t r = 0, c = 0;
  for (const auto* p : parts) {
    std::size_t pr = p->scalar ? 1 : p->rows, pc = p->scalar ? 1 : p->cols;
    if (vertical) {
      if (r + c > 0 && pc != c && pr > 0) throw ShapeError("vcat: column counts differ");
      if (pr > 0) c = pc;
      r += pr;
    } else {
      if (r + c > 0 && pr != r && pc > 0) throw ShapeError("hcat: row counts differ");
      if (pc > 0) r = pr;
      c += pc;
    }
  }
  Mat<T> out = Mat<T>::sized(r, c);
  std::size_t off = 0;
  for (const auto* p : parts) {
    std::size_t pr = p->scalar ? 1 : p->rows, pc = p->scalar ? 1 : p->cols;
    for (std::size_t i = 0; i < pr; ++i)
      for (std::size_t j = 0; j < pc; ++j) {
        const T& x = p->scalar ? p->v[0] : (*p)(i, j);
        if (vertical) out(off + i, j) = x;
        else out(i, off + j) = x;
      }
    off += vertical ? pr : pc;
  }
  return out;
}

inline std::size_t checked_size(long n, const char* what) {
  if (n < 0 || n > 100000) throw DomainError(std::string(what) + ": size " + std::to_string(n) + " out of range");
  return static_cast<std::size_t>(n);
}

inline std::size_t checked_index(long i, std::size_t n, const char* what) {
  if (i < 0 || static_cast<std::size_t>(i) >= n)
    throw DomainError(std::string(what) + ": index " + std::to_string(i) + " out of range 0.." + std::to_string(n) + "-1");
  return static_cast<std::size_t>(i);
}

}  // namespace detail

// One builtin applied to evaluated arguments (also used coefficient by coefficient by Taylor mode).
// The value of y as a long when it is exactly an integer of moderate size (no rounding involved).
template <class T>
std::optional<long> integer_value(const T& y) {
  if constexpr (std::is_same_v<T, Q>) {
    if (bmp::denominator(y) == 1 && bmp::abs(y) < 1000000) return bmp::numerator(y).template convert_to<long>();
  } else if constexpr (std::is_same_v<T, mp> || std::is_same_v<T, double>) {
    using std::abs, std::trunc;
    if (trunc(y) == y && abs(y) < 1000000) return static_cast<long>(y);
  } else if constexpr (std::is_same_v<T, iv>) {
    auto d = y.backend().data();
    if (mpfr_cmp(&d->left, &d->right) == 0 && mpfr_integer_p(&d->left) && mpfr_cmpabs_ui(&d->left, 1000000) < 0)
      return mpfr_get_si(&d->left, MPFR_RNDN);
  } else if constexpr (std::is_same_v<T, Ball>) {
    if (arb_is_int(y.get()) && arf_cmpabs_2exp_si(arb_midref(y.get()), 20) < 0)
      return arf_get_si(arb_midref(y.get()), ARF_RND_NEAR);
  }
  return std::nullopt;
}

// Builtins computed only at MPFR precision (decompositions, Newton inversions): f(a) is instantiated and run
// only when T is mp (f takes its argument generically); any other arithmetic gets a DomainError naming it.
template <class T, class F>
Mat<T> mpfr_only(const char* what, const Mat<T>& a, F&& f) {
  if constexpr (std::is_same_v<T, mp>) return f(a);
  else throw DomainError(std::string(what) + " is only available in mpfr arithmetic, not " + Ops<T>::name);
}

template <class T>
Mat<T> apply_builtin(Fn fn, const std::vector<const Mat<T>*>& args) {
  using O = Ops<T>;
  auto integer = [&](std::size_t k) -> long { return O::to_long(args[k]->as_scalar("an integer argument")); };
  auto elementwise = [&](auto f) { return map(*args[0], f); };
  switch (fn) {
    case Fn::Exp: return elementwise([](const T& x) { return O::exp(x); });
    case Fn::Log: return elementwise([](const T& x) { return O::log(x); });
    case Fn::Abs: return elementwise([](const T& x) { return O::abs(x); });
    case Fn::Tanh: return elementwise([](const T& x) { return O::tanh(x); });
    case Fn::Sin: return elementwise([](const T& x) { return O::sin(x); });
    case Fn::Cos: return elementwise([](const T& x) { return O::cos(x); });
    case Fn::Relu: return elementwise([](const T& x) { return O::max(x, T(0)); });
    case Fn::Expm1: return elementwise([](const T& x) { return O::expm1(x); });
    case Fn::Log1p: return elementwise([](const T& x) { return O::log1p(x); });
    case Fn::Expm1c: {
      // (e^{a y} - 1)/a, continued by its limit y at a = 0: one formula for a conservation law
      // (lambda^{2-L} - 1)/(2-L) that becomes log lambda at L = 2. `a` must be a decided constant.
      return broadcast((*args[0]), (*args[1]), [](const T& a, const T& y) {
        int s = O::sign(a);
        if (s == 0) return y;
        if (s == kUnknownSign) throw DomainError("expm1c(a, y): a may be 0 or not (an enclosure containing 0)");
        return O::div(O::expm1(T(a * y)), a);
      }, "expm1c");
    }
    case Fn::Ei: return elementwise([](const T& x) { return O::ei(x); });
    case Fn::EiInv:
      return mpfr_only("Eiinv", *args[0], [](const auto& a) { return map(a, [](const mp& y) { return ei_inverse(y); }); });
    case Fn::Max: return broadcast((*args[0]), (*args[1]), [](const T& x, const T& y) { return O::max(x, y); }, "max");
    case Fn::Min: return broadcast((*args[0]), (*args[1]), [](const T& x, const T& y) { return O::min(x, y); }, "min");
    case Fn::Hadamard: return sylvester_hadamard<T>(integer(0));
    case Fn::Ones:
    case Fn::Zeros: {
      std::size_t r = detail::checked_size(integer(0), "ones/zeros");
      std::size_t c = args.size() == 2 ? detail::checked_size(integer(1), "ones/zeros") : 1;
      return Mat<T>::sized(r, c, T(fn == Fn::Ones ? 1 : 0));
    }
    case Fn::Eye: {
      std::size_t r = detail::checked_size(integer(0), "eye");
      Mat<T> m = Mat<T>::sized(r, r);
      for (std::size_t i = 0; i < r; ++i) m(i, i) = T(1);
      return m;
    }
    case Fn::Slice: {
      const Mat<T>& a = (*args[0]);
      long r0 = integer(1), r1 = integer(2), c0 = integer(3), c1 = integer(4);
      if (a.scalar || r0 < 0 || r1 < r0 || static_cast<std::size_t>(r1) > a.rows || c0 < 0 || c1 < c0 ||
          static_cast<std::size_t>(c1) > a.cols)
        throw DomainError("slice [" + std::to_string(r0) + ":" + std::to_string(r1) + ", " + std::to_string(c0) + ":" +
                          std::to_string(c1) + "] out of range for a " + a.shape() + " matrix");
      Mat<T> m = Mat<T>::sized(static_cast<std::size_t>(r1 - r0), static_cast<std::size_t>(c1 - c0));
      for (long i = r0; i < r1; ++i)
        for (long j = c0; j < c1; ++j) m(i - r0, j - c0) = a(i, j);
      return m;
    }
    case Fn::Transpose: return transpose((*args[0]));
    case Fn::Mm: return matmul((*args[0]), (*args[1]));
    case Fn::Kron: return kron((*args[0]), (*args[1]));
    case Fn::Diag: {
      const Mat<T>& a = (*args[0]);
      if (a.scalar) return a;
      if (a.rows == 1 || a.cols == 1) {
        Mat<T> m = Mat<T>::sized(a.v.size(), a.v.size());
        for (std::size_t i = 0; i < a.v.size(); ++i) m(i, i) = a.v[i];
        return m;
      }
      if (a.rows != a.cols) throw ShapeError("diag of a non-square " + a.shape() + " matrix");
      Mat<T> m = Mat<T>::sized(a.rows, 1);
      for (std::size_t i = 0; i < a.rows; ++i) m.v[i] = a(i, i);
      return m;
    }
    case Fn::Row:
    case Fn::Col: {
      const Mat<T>& a = (*args[0]);
      if (a.scalar) throw ShapeError("row/col of a scalar");
      bool row = fn == Fn::Row;
      std::size_t k = detail::checked_index(integer(1), row ? a.rows : a.cols, row ? "row" : "col");
      Mat<T> m = row ? Mat<T>::sized(1, a.cols) : Mat<T>::sized(a.rows, 1);
      for (std::size_t t = 0; t < m.v.size(); ++t) m.v[t] = row ? a(k, t) : a(t, k);
      return m;
    }
    case Fn::El: {
      const Mat<T>& a = (*args[0]);
      if (args.size() == 2) return Mat<T>::of_scalar(a.v[detail::checked_index(integer(1), a.v.size(), "el")]);
      std::size_t i = detail::checked_index(integer(1), a.rows, "el"), j = detail::checked_index(integer(2), a.cols, "el");
      return Mat<T>::of_scalar(a(i, j));
    }
    case Fn::Sum: {
      T s(0);
      for (const T& x : (*args[0]).v) s += x;
      return Mat<T>::of_scalar(s);
    }
    case Fn::Minof:
    case Fn::Maxof: {
      const Mat<T>& a = *args[0];
      if (a.v.empty()) throw DomainError("minof/maxof of an empty matrix");
      T m = a.v[0];
      for (std::size_t i = 1; i < a.v.size(); ++i) m = fn == Fn::Minof ? O::min(m, a.v[i]) : O::max(m, a.v[i]);
      return Mat<T>::of_scalar(m);
    }
    case Fn::Dot: {
      const Mat<T>&a = (*args[0]), &b = (*args[1]);
      if (a.v.size() != b.v.size()) throw ShapeError("dot of " + a.shape() + " and " + b.shape());
      T s(0);
      for (std::size_t i = 0; i < a.v.size(); ++i) s += a.v[i] * b.v[i];
      return Mat<T>::of_scalar(s);
    }
    case Fn::Trace: {
      const Mat<T>& a = (*args[0]);
      if (a.rows != a.cols) throw ShapeError("trace of a non-square " + a.shape() + " matrix");
      T s(0);
      for (std::size_t i = 0; i < a.rows; ++i) s += a(i, i);
      return Mat<T>::of_scalar(s);
    }
    case Fn::Fnorm: {
      T s(0);
      for (const T& x : (*args[0]).v) s += O::powi(x, 2);
      // A sum of squares is >= 0; an enclosure of it may reach below 0 by rounding (Arb's midpoint-radius
      // sums of balls [0, u]): only its nonnegative part is meant.
      if constexpr (std::is_same_v<T, Ball>) arb_nonnegative_part(s.get(), s.get());
      else if constexpr (std::is_same_v<T, iv>) s = O::max(s, T(0));
      return Mat<T>::of_scalar(O::sqrt(s));
    }
    case Fn::Nucnorm:
      return mpfr_only("nucnorm", *args[0], [](const auto& a) {
        mp sum(0);
        for (const mp& x : singular_values(a)) sum += x;
        return Mat<mp>::of_scalar(sum);
      });
    case Fn::Svals:
      return mpfr_only("svals", *args[0], [](const auto& a) {
        std::vector<mp> sv = singular_values(a);
        std::sort(sv.begin(), sv.end(), [](const mp& x, const mp& y) { return x > y; });
        Mat<mp> m = Mat<mp>::sized(sv.size(), 1);
        for (std::size_t i = 0; i < sv.size(); ++i) m.v[i] = sv[i];
        return m;
      });
    case Fn::Softmax: return detail::softmax_columns((*args[0]));
    case Fn::Xor: {
      long a = integer(0), b = integer(1);
      if (a < 0 || b < 0) throw DomainError("xor of negative integers");
      return Mat<T>::of_scalar(T(a ^ b));
    }
    case Fn::Inv: return gauss_inverse((*args[0]));
    case Fn::Vcat:
    case Fn::Hcat: {
      std::vector<const Mat<T>*> parts;
      for (std::size_t k = 0; k < args.size(); ++k) parts.push_back(&(*args[k]));
      return detail::concat(parts, fn == Fn::Vcat);
    }
    case Fn::Vec: {
      Mat<T> m = Mat<T>::sized(args.size(), 1);
      for (std::size_t k = 0; k < args.size(); ++k) m.v[k] = (*args[k]).as_scalar("vec");
      return m;
    }
    case Fn::Len: return Mat<T>::of_scalar(T(static_cast<long>((*args[0]).v.size())));
    case Fn::Rows: return Mat<T>::of_scalar(T(static_cast<long>((*args[0]).rows)));
    case Fn::Cols: return Mat<T>::of_scalar(T(static_cast<long>((*args[0]).cols)));
    case Fn::Rorth: {
      long seed = integer(0), dim = integer(1);
      Mat<Q> r = cayley_orthogonal(static_cast<std::uint64_t>(seed), dim);
      return Mat<T>::from(r, [](const Q& q) { return O::from_q(q); });
    }
    case Fn::Psi:
      if constexpr (requires(const T& x) { O::digamma(x); }) {
        return elementwise([](const T& x) { return O::digamma(x); });
      } else {
        throw DomainError("psi cannot be differentiated here (no trigamma in this arithmetic)");
      }
    case Fn::Binom:
      return broadcast((*args[0]), (*args[1]), [](const T& n, const T& k) {
        long nn = O::to_long(n), kk = O::to_long(k);
        if (nn < 0) throw DomainError("binom(n, k) needs n >= 0, got n = " + std::to_string(nn));
        if (kk < 0 || kk > nn) return T(0);
        Z c;
        mpz_bin_uiui(c.backend().data(), static_cast<unsigned long>(nn), static_cast<unsigned long>(kk));
        return O::from_q(Q(c));
      }, "binom");
    case Fn::Range: {
      long a = integer(0), b = integer(1);
      if (b < a) throw DomainError("range(" + std::to_string(a) + ", " + std::to_string(b) + ") is empty");
      if (b - a > 10000000) throw DomainError("range too long");
      Mat<T> m = Mat<T>::sized(static_cast<std::size_t>(b - a + 1), 1);
      for (long k = a; k <= b; ++k) m.v[static_cast<std::size_t>(k - a)] = T(k);
      return m;
    }
    case Fn::Det: return Mat<T>::of_scalar(gauss_det(*args[0]));
    case Fn::Rank: {
      if constexpr (std::is_same_v<T, Q>) {
        return Mat<T>::of_scalar(Q(exact_rank(*args[0])));
      } else if constexpr (std::is_same_v<T, GiNaC::ex>) {
        // The certificate rechecker's exact arithmetic: GiNaC rationals, converted to GMP.
        const Mat<T>& a = *args[0];
        Mat<Q> q = Mat<Q>::sized(a.rows, a.cols);
        q.scalar = a.scalar;
        for (std::size_t k = 0; k < a.v.size(); ++k) {
          if (!GiNaC::is_a<GiNaC::numeric>(a.v[k]) || !GiNaC::ex_to<GiNaC::numeric>(a.v[k]).is_rational())
            throw DomainError("rank needs rational entries");
          q.v[k] = numeric_to_q(GiNaC::ex_to<GiNaC::numeric>(a.v[k]));
        }
        return Mat<T>::of_scalar(T(exact_rank(q)));
      } else {
        throw DomainError(std::string("rank needs exact rational arithmetic (kind exact), not ") + O::name);
      }
    }
    case Fn::Chol: return cholesky_lower(*args[0]);
    case Fn::Eigsym:
    case Fn::Eigvalsym:
      return mpfr_only("eigsym/eigvalsym", *args[0], [fn](const auto& a) {
        SymEigen e = symmetric_eigen(a);
        return fn == Fn::Eigsym ? e.vectors : e.values;
      });
    case Fn::Svdu:
    case Fn::Svdv:
      return mpfr_only("svdu/svdv", *args[0], [fn](const auto& a) {
        SvdVectors sv = singular_vectors(a);
        return fn == Fn::Svdu ? sv.u : sv.v;
      });
    case Fn::Sgn:
      return elementwise([](const T& x) {
        int s = O::sign(x);
        if (s == kUnknownSign) throw DomainError("sgn of an enclosure (or symbol) whose sign is not decided");
        return T(s);
      });
    case Fn::Reshape: {
      std::size_t r = detail::checked_size(integer(1), "reshape"), c = detail::checked_size(integer(2), "reshape");
      if (r * c != args[0]->v.size())
        throw ShapeError("reshape: " + std::to_string(args[0]->v.size()) + " entries do not fill " + std::to_string(r) + "x" + std::to_string(c));
      Mat<T> m = Mat<T>::sized(r, c);
      m.v = args[0]->v;
      return m;
    }
    case Fn::Offdiag: {
      Mat<T> m = (*args[0]);
      if (!m.scalar)
        for (std::size_t i = 0; i < std::min(m.rows, m.cols); ++i) m(i, i) = T(0);
      else m.v[0] = T(0);
      return m;
    }
  }
  throw DomainError("unhandled builtin");
}

template <class T>
Mat<T> Evaluator<T>::compute(const Node& n) {
  using K = Node::Kind;
  using O = Ops<T>;
  auto arg = [&](std::size_t k) -> const Mat<T>& { return value(n.kids[k]); };
  auto elementwise = [&](auto f) { return map(arg(0), f); };
  switch (n.kind) {
    case K::Const: return Mat<T>::of_scalar(O::from_q(n.q));
    case K::Pi: return Mat<T>::of_scalar(O::pi());
    case K::Euler: return Mat<T>::of_scalar(O::euler());
    case K::Param: {
      auto s = static_cast<std::size_t>(n.slot);
      if (!param_set_[s]) throw EvalError("parameter '" + prog_.params[s] + "' has no value at this point");
      return params_[s];
    }
    case K::Add: {
      Mat<T> acc = arg(0);
      for (std::size_t k = 1; k < n.kids.size(); ++k)
        acc = broadcast(acc, arg(k), [](const T& x, const T& y) { return T(x + y); }, "+");
      return acc;
    }
    case K::Mul: {
      Mat<T> acc = arg(0);
      for (std::size_t k = 1; k < n.kids.size(); ++k)
        acc = broadcast(acc, arg(k), [](const T& x, const T& y) { return T(x * y); }, "*");
      return acc;
    }
    case K::PowQ: {
      const Q& q = n.q;
      Z num = bmp::numerator(q), den = bmp::denominator(q);
      if (bmp::abs(num) > 1000000) throw DomainError("exponent too large");
      long p = num.convert_to<long>();
      if (den == 1) return elementwise([&](const T& x) { return O::powi(x, p); });
      if (den == 2) return elementwise([&](const T& x) { return O::powi(O::sqrt(x), p); });
      T e = O::from_q(q);
      return elementwise([&](const T& x) { return O::pow(x, e); });
    }
    case K::Pow:
      // An exponent that is an exact integer at this point (e.g. n - t in a binomial weight) is a power by
      // multiplication, so that 0^0 = 1 and negative bases work as for a literal integer exponent.
      return broadcast(arg(0), arg(1), [](const T& x, const T& y) {
        if (auto k = integer_value(y)) return O::powi(x, *k);
        return O::pow(x, y);
      }, "^");
    case K::Model: {
      if constexpr (model_arithmetic<T>) {
        ModelArgs<T> args;
        for (std::size_t k = 0; k < n.kids.size(); ++k) args.push_back(&arg(k));
        return models()[static_cast<std::size_t>(n.model)].template fn<T>()(args);
      } else {
        throw DomainError("paper models cannot be differentiated (in `" + n.text + "`)");
      }
    }
    case K::Call: break;
  }
  std::vector<const Mat<T>*> args;
  for (std::size_t k = 0; k < n.kids.size(); ++k) args.push_back(&arg(k));
  return apply_builtin<T>(n.fn, args);
}


}  // namespace flowcert
