// Definition of TaylorJet<T>; included by the taylor_jet_<type>.cpp files that instantiate it.
#pragma once
#include "flowcert/ode/taylor_jet.hpp"
#include "flowcert/sym/evaluator_impl.hpp"

namespace flowcert {

namespace taylor_detail {

template <class T>
Mat<T> zero_like(const Mat<T>& m) {
  Mat<T> z = m;
  for (auto& x : z.v) x = T(0);
  return z;
}
template <class T>
Mat<T> add(const Mat<T>& a, const Mat<T>& b) {
  return broadcast(a, b, [](const T& x, const T& y) { return T(x + y); }, "+");
}
template <class T>
Mat<T> sub(const Mat<T>& a, const Mat<T>& b) {
  return broadcast(a, b, [](const T& x, const T& y) { return T(x - y); }, "-");
}
template <class T>
Mat<T> mul(const Mat<T>& a, const Mat<T>& b) {
  return broadcast(a, b, [](const T& x, const T& y) { return T(x * y); }, "*");
}
template <class T>
Mat<T> scaled(const Mat<T>& a, const T& s) {
  return map(a, [&](const T& x) { return T(x * s); });
}

// acc += a * b without temporaries where the arithmetic allows (MPFR: one fused multiply-add).
template <class T>
inline void fma_into(T& acc, const T& a, const T& b) {
  acc += a * b;
}
template <>
inline void fma_into<mp>(mp& acc, const mp& a, const mp& b) {
  mpfr_fma(acc.backend().data(), a.backend().data(), b.backend().data(), acc.backend().data(), MPFR_RNDN);
}

// acc += a (.) b (elementwise, same shapes or broadcasting through a temporary).
template <class T>
void acc_mul(Mat<T>& acc, const Mat<T>& a, const Mat<T>& b) {
  if (a.v.size() == acc.v.size() && b.v.size() == acc.v.size() && a.rows == b.rows) {
    for (std::size_t e = 0; e < acc.v.size(); ++e) fma_into(acc.v[e], a.v[e], b.v[e]);
    return;
  }
  acc = add(acc, mul(a, b));
}
// acc += a b (matrix product).
template <class T>
void acc_mm(Mat<T>& acc, const Mat<T>& a, const Mat<T>& b) {
  if (a.scalar || b.scalar) {
    acc_mul(acc, a, b);
    return;
  }
  for (std::size_t i = 0; i < a.rows; ++i)
    for (std::size_t k = 0; k < a.cols; ++k) {
      const T& x = a(i, k);
      if (Ops<T>::sign(x) == 0) continue;
      for (std::size_t j = 0; j < b.cols; ++j) fma_into(acc(i, j), x, b(k, j));
    }
}
// acc += s a (.) b for a scalar s.
template <class T>
void acc_scaled_mul(Mat<T>& acc, const T& s, const Mat<T>& a, const Mat<T>& b) {
  if (a.v.size() == acc.v.size() && b.v.size() == acc.v.size() && a.rows == b.rows) {
    T tmp;
    for (std::size_t e = 0; e < acc.v.size(); ++e) {
      tmp = s * a.v[e];
      fma_into(acc.v[e], tmp, b.v[e]);
    }
    return;
  }
  acc = add(acc, scaled(mul(a, b), s));
}

}  // namespace taylor_detail

template <class T>
TaylorJet<T>::TaylorJet(const OdeSystem& sys, const std::vector<std::pair<int, Mat<Q>>>& constants) : sys_(sys) {
  const auto& nodes = sys.prog.nodes;
  std::uint64_t moving = 0;
  for (int s : sys.state_slots)
    if (s >= 0) moving |= std::uint64_t(1) << s;
  if (sys.time_slot >= 0) moving |= std::uint64_t(1) << sys.time_slot;
  varies_.resize(nodes.size());
  c_.resize(nodes.size());
  partial_.resize(nodes.size());
  const_value_.resize(nodes.size());
  zero_.resize(nodes.size());
  shift_.resize(nodes.size());
  Evaluator<T> ev(sys.prog);
  for (const auto& [slot, v] : constants) ev.set(slot, v);
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    varies_[i] = (nodes[i].deps & moving) != 0;
    if (!varies_[i]) {
      const_value_[i] = ev.value(static_cast<int>(i));
      zero_[i] = taylor_detail::zero_like(const_value_[i]);
    }
  }
}

template <class T>
void TaylorJet<T>::coefficient(std::size_t i, int k) {
  using namespace taylor_detail;
  using O = Ops<T>;
  const Node& n = sys_.prog.nodes[i];
  const auto uk = static_cast<std::size_t>(k);
  // Series of node j at order m (constants have only an order-0 term).
  auto S = [&](int j, int m) -> const Mat<T>& {
    auto sj = static_cast<std::size_t>(j);
    if (!varies_[sj]) return m == 0 ? const_value_[sj] : zero_[sj];
    return c_[sj][static_cast<std::size_t>(m)];
  };
  auto vary = [&](int j) { return varies_[static_cast<std::size_t>(j)] != 0; };
  // Cauchy product of two series under a bilinear operation.
  auto cauchy = [&](int a, int b, auto op, auto acc_op) {
    if (!vary(a)) return op(S(a, 0), S(b, k));
    if (!vary(b)) return op(S(a, k), S(b, 0));
    Mat<T> acc = op(S(a, 0), S(b, k));
    for (int j = 1; j <= k; ++j) acc_op(acc, S(a, j), S(b, k - j));
    return acc;
  };
  auto& out = c_[i];
  if (out.size() <= uk) out.resize(uk + 1);
  switch (n.kind) {
    case Node::Kind::Add: {
      Mat<T> acc = S(n.kids[0], k);
      for (std::size_t j = 1; j < n.kids.size(); ++j) acc = add(acc, S(n.kids[j], k));
      out[uk] = std::move(acc);
      return;
    }
    case Node::Kind::Mul: {
      // Constant factors multiply once; varying ones form a chain of Cauchy products (partials kept).
      Mat<T> cst = Mat<T>::of_scalar(T(1));
      bool has_cst = false;
      std::vector<int> var;
      for (int kid : n.kids) {
        if (vary(kid)) var.push_back(kid);
        else {
          cst = mul(cst, S(kid, 0));
          has_cst = true;
        }
      }
      auto& parts = partial_[i];
      parts.resize(var.size());
      for (std::size_t p = 0; p < var.size(); ++p) {
        if (parts[p].size() <= uk) parts[p].resize(uk + 1);
        if (p == 0) {
          parts[0][uk] = S(var[0], k);
        } else {
          Mat<T> acc = mul(parts[p - 1][0], S(var[p], k));
          for (int j = 1; j <= k; ++j) acc_mul(acc, parts[p - 1][static_cast<std::size_t>(j)], S(var[p], k - j));
          parts[p][uk] = std::move(acc);
        }
      }
      out[uk] = has_cst ? mul(cst, parts.back()[uk]) : parts.back()[uk];
      return;
    }
    case Node::Kind::PowQ: {
      int u = n.kids[0];
      Z num = bmp::numerator(n.q), den = bmp::denominator(n.q);
      if (den == 1 && num >= 1 && num <= 16) {
        // Positive integer power: repeated Cauchy products (valid where the base vanishes).
        long p = num.convert_to<long>();
        auto& parts = partial_[i];
        parts.resize(static_cast<std::size_t>(p));
        for (long e = 0; e < p; ++e) {
          auto ue = static_cast<std::size_t>(e);
          if (parts[ue].size() <= uk) parts[ue].resize(uk + 1);
          if (e == 0) {
            parts[0][uk] = S(u, k);
          } else {
            Mat<T> acc = mul(parts[ue - 1][0], S(u, k));
            for (int j = 1; j <= k; ++j) acc_mul(acc, parts[ue - 1][static_cast<std::size_t>(j)], S(u, k - j));
            parts[ue][uk] = std::move(acc);
          }
        }
        out[uk] = parts.back()[uk];
        return;
      }
      // w = u^r: w_k = sum_{j=1..k} ((r + 1) j - k) u_j w_{k-j} / (k u_0), needs u_0 != 0.
      if (k == 0) {
        Mat<T> base = S(u, 0);
        for (const T& x : base.v)
          if (O::sign(x) == 0) throw DomainError("a non-integer or negative power of a quantity that is 0 along the flow");
        long p = num.convert_to<long>();
        if (den == 1) out[0] = map(base, [&](const T& x) { return O::powi(x, p); });
        else if (den == 2) out[0] = map(base, [&](const T& x) { return O::powi(O::sqrt(x), p); });
        else {
          T r = O::from_q(n.q);
          out[0] = map(base, [&](const T& x) { return O::pow(x, r); });
        }
        return;
      }
      T r = O::from_q(n.q);
      Mat<T> acc = zero_like(out[0]);
      for (int j = 1; j <= k; ++j)
        acc = add(acc, scaled(mul(S(u, j), out[static_cast<std::size_t>(k - j)]), T((r + 1) * j - k)));
      Mat<T> u0k = scaled(S(u, 0), T(k));
      out[uk] = broadcast(acc, u0k, [](const T& x, const T& y) { return O::div(x, y); }, "/");
      return;
    }
    case Node::Kind::Call: break;
    default:
      throw DomainError("this operation is not supported in a vector field (Taylor mode) [in `" + n.text + "`]");
  }
  std::vector<int> kids = n.kids;
  auto linear = [&]() {
    // Linear in its varying arguments; index arguments are constants.
    std::vector<Mat<T>> vals;
    for (int kid : kids) vals.push_back(vary(kid) ? S(kid, k) : (k == 0 || n.fn == Fn::Slice || n.fn == Fn::El || n.fn == Fn::Row || n.fn == Fn::Col || n.fn == Fn::Reshape ? S(kid, 0) : zero_like(S(kid, 0))));
    // Index arguments of slice/el/row/col must keep their values at every order.
    std::vector<const Mat<T>*> ptrs;
    for (auto& v : vals) ptrs.push_back(&v);
    return apply_builtin<T>(n.fn, ptrs);
  };
  switch (n.fn) {
    case Fn::Transpose:
    case Fn::Slice:
    case Fn::Row:
    case Fn::Col:
    case Fn::El:
    case Fn::Sum:
    case Fn::Trace:
    case Fn::Diag:
    case Fn::Vcat:
    case Fn::Hcat:
    case Fn::Vec:
    case Fn::Offdiag:
    case Fn::Reshape:
      if ((n.fn == Fn::Slice || n.fn == Fn::Row || n.fn == Fn::Col || n.fn == Fn::El || n.fn == Fn::Reshape) &&
          std::any_of(kids.begin() + 1, kids.end(), [&](int kid) { return vary(kid); }))
        throw DomainError("an index that changes along the flow [in `" + n.text + "`]");
      out[uk] = linear();
      return;
    case Fn::Mm:
    case Fn::Dot:
    case Fn::Kron: {
      Fn fn = n.fn;
      auto op = [&](const Mat<T>& a, const Mat<T>& b) {
        std::vector<const Mat<T>*> p{&a, &b};
        return apply_builtin<T>(fn, p);
      };
      if (fn == Fn::Mm) out[uk] = cauchy(kids[0], kids[1], op, [](Mat<T>& acc, const Mat<T>& a, const Mat<T>& b) { acc_mm(acc, a, b); });
      else out[uk] = cauchy(kids[0], kids[1], op, [&](Mat<T>& acc, const Mat<T>& a, const Mat<T>& b) { acc = add(acc, op(a, b)); });
      return;
    }
    case Fn::Exp: {
      // w = e^u: w_k = (1/k) sum_{j=1..k} j u_j w_{k-j}.
      int u = kids[0];
      if (k == 0) {
        out[0] = map(S(u, 0), [](const T& x) { return O::exp(x); });
        return;
      }
      Mat<T> acc = zero_like(out[0]);
      for (int j = 1; j <= k; ++j) acc_scaled_mul(acc, T(j), S(u, j), out[static_cast<std::size_t>(k - j)]);
      out[uk] = scaled(acc, O::div(T(1), T(k)));
      return;
    }
    case Fn::Log: {
      // w = log u: w_k = (u_k - (1/k) sum_{j=1..k-1} j w_j u_{k-j}) / u_0.
      int u = kids[0];
      if (k == 0) {
        out[0] = map(S(u, 0), [](const T& x) { return O::log(x); });
        return;
      }
      Mat<T> acc = zero_like(out[0]);
      for (int j = 1; j < k; ++j) acc = add(acc, scaled(mul(out[static_cast<std::size_t>(j)], S(u, k - j)), T(j)));
      Mat<T> num = sub(S(u, k), scaled(acc, O::div(T(1), T(k))));
      out[uk] = broadcast(num, S(u, 0), [](const T& x, const T& y) { return O::div(x, y); }, "/");
      return;
    }
    case Fn::Softmax: {
      // E = exp(Z - shift), column sums C, R = E / C with the series-division recurrence.
      int z = kids[0];
      const Mat<T>& z0 = S(z, 0);
      bool vector = z0.scalar || z0.rows == 1 || z0.cols == 1;
      auto& parts = partial_[i];
      parts.resize(2);
      for (auto& p : parts)
        if (p.size() <= uk) p.resize(uk + 1);
      auto& E = parts[0];
      auto& C = parts[1];
      if (k == 0) {
        double mx = -1e300;
        for (const T& x : z0.v) mx = std::max(mx, O::to_double(x));
        shift_[i] = O::from_q(Q(mx));
        E[0] = map(z0, [&](const T& x) { return O::exp(T(x - shift_[i])); });
      } else {
        Mat<T> acc = zero_like(E[0]);
        for (int j = 1; j <= k; ++j) acc_scaled_mul(acc, T(j), S(z, j), E[static_cast<std::size_t>(k - j)]);
        E[uk] = scaled(acc, O::div(T(1), T(k)));
      }
      if (vector) {
        T s(0);
        for (const T& x : E[uk].v) s += x;
        C[uk] = Mat<T>::of_scalar(s);
      } else {
        Mat<T> cs = Mat<T>::sized(1, E[uk].cols);
        for (std::size_t r = 0; r < E[uk].rows; ++r)
          for (std::size_t c = 0; c < E[uk].cols; ++c) cs(0, c) += E[uk](r, c);
        C[uk] = std::move(cs);
      }
      Mat<T> num = E[uk];
      {
        Mat<T> corr = zero_like(num);
        for (int j = 1; j <= k; ++j) corr = add(corr, mul(C[static_cast<std::size_t>(j)], out[static_cast<std::size_t>(k - j)]));
        num = sub(num, corr);
      }
      out[uk] = broadcast(num, C[0], [](const T& x, const T& y) { return O::div(x, y); }, "/");
      return;
    }
    default:
      throw DomainError("this function is not supported in a vector field (Taylor mode) [in `" + n.text + "`]");
  }
}

template <class T>
std::vector<std::vector<Mat<T>>> TaylorJet<T>::expand(const std::vector<Mat<T>>& y0, const T& t0, int order) {
  const auto& nodes = sys_.prog.nodes;
  const std::size_t nv = sys_.state_slots.size();
  std::vector<int> state_node(nv, -1);
  int time_node = -1;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].kind != Node::Kind::Param) continue;
    for (std::size_t v = 0; v < nv; ++v)
      if (nodes[i].slot == sys_.state_slots[v]) state_node[v] = static_cast<int>(i);
    if (nodes[i].slot == sys_.time_slot) time_node = static_cast<int>(i);
  }
  for (auto& c : c_) c.clear();
  for (auto& p : partial_) p.clear();
  std::vector<std::vector<Mat<T>>> y(static_cast<std::size_t>(order) + 1);
  y[0] = y0;
  auto set_inputs = [&](int k) {
    auto uk = static_cast<std::size_t>(k);
    for (std::size_t v = 0; v < nv; ++v)
      if (state_node[v] >= 0) {
        auto& c = c_[static_cast<std::size_t>(state_node[v])];
        c.resize(uk + 1);
        c[uk] = y[uk][v];
      }
    if (time_node >= 0) {
      auto& c = c_[static_cast<std::size_t>(time_node)];
      c.resize(uk + 1);
      c[uk] = Mat<T>::of_scalar(k == 0 ? t0 : T(k == 1 ? 1 : 0));
    }
  };
  set_inputs(0);
  for (int k = 0; k < order; ++k) {
    for (std::size_t i = 0; i < nodes.size(); ++i)
      if (varies_[i] && nodes[i].kind != Node::Kind::Param) coefficient(i, k);
    auto& next = y[static_cast<std::size_t>(k) + 1];
    next.resize(nv);
    for (std::size_t v = 0; v < nv; ++v) {
      auto root = static_cast<std::size_t>(sys_.field_roots[v]);
      Mat<T> f = varies_[root] ? c_[root][static_cast<std::size_t>(k)]
                               : (k == 0 ? const_value_[root] : taylor_detail::zero_like(const_value_[root]));
      T inv = Ops<T>::div(T(1), T(k + 1));
      Mat<T> shaped = broadcast(taylor_detail::zero_like(y0[v]), f, [](const T& a, const T& b) { return T(a + b); }, "field");
      if (shaped.rows != y0[v].rows || shaped.cols != y0[v].cols)
        throw ShapeError("the field of '" + sys_.state_names[v] + "' has shape " + f.shape() + ", the state " + y0[v].shape());
      next[v] = taylor_detail::scaled(shaped, inv);
    }
    set_inputs(k + 1);
  }
  return y;
}

}  // namespace flowcert
