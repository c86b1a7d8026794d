#include "flowcert/roots/real_roots.hpp"

#include <algorithm>
#include <utility>

namespace flowcert {

namespace {

void trim(QPoly& p) {
  while (!p.c.empty() && p.c.back() == 0) p.c.pop_back();
}

// Remainder of a divided by b (b nonzero).
QPoly remainder(QPoly a, const QPoly& b) {
  const int db = b.degree();
  while (a.degree() >= db && !a.c.empty()) {
    const Q f = a.c.back() / b.c.back();
    const int shift = a.degree() - db;
    for (int k = 0; k <= db; ++k) a.c[shift + k] -= f * b.c[k];
    a.c.pop_back();  // the leading coefficient is now exactly 0
    trim(a);
  }
  return a;
}

QPoly quotient(QPoly a, const QPoly& b) {
  const int db = b.degree();
  QPoly q;
  if (a.degree() < db) return q;
  q.c.assign(a.degree() - db + 1, Q(0));
  while (!a.c.empty() && a.degree() >= db) {
    const Q f = a.c.back() / b.c.back();
    const int shift = a.degree() - db;
    q.c[shift] = f;
    for (int k = 0; k <= db; ++k) a.c[shift + k] -= f * b.c[k];
    a.c.pop_back();
    trim(a);
  }
  trim(q);
  return q;
}

int sign_of(const Q& x) { return x > 0 ? 1 : (x < 0 ? -1 : 0); }

}  // namespace

Q QPoly::operator()(const Q& x) const {
  Q r = 0;
  for (auto it = c.rbegin(); it != c.rend(); ++it) r = r * x + *it;
  return r;
}

QPoly derivative(const QPoly& p) {
  QPoly d;
  for (std::size_t k = 1; k < p.c.size(); ++k) d.c.push_back(p.c[k] * Q(static_cast<long>(k)));
  trim(d);
  return d;
}

QPoly poly_gcd(QPoly a, QPoly b) {
  trim(a);
  trim(b);
  while (!b.c.empty()) {
    QPoly r = remainder(a, b);
    a = std::move(b);
    b = std::move(r);
  }
  if (!a.c.empty()) {
    const Q lead = a.c.back();
    for (Q& x : a.c) x /= lead;
  }
  return a;
}

QPoly squarefree_part(const QPoly& p) {
  if (p.degree() < 1) return p;
  QPoly g = poly_gcd(p, derivative(p));
  return g.degree() < 1 ? p : quotient(p, g);
}

SturmSequence::SturmSequence(const QPoly& p) {
  QPoly p0 = squarefree_part(p);
  if (p0.c.empty()) throw DomainError("the polynomial is identically 0");
  seq.push_back(p0);
  seq.push_back(derivative(p0));
  while (!seq.back().c.empty() && seq.back().degree() > 0) {
    QPoly r = remainder(seq[seq.size() - 2], seq.back());
    for (Q& x : r.c) x = -x;
    if (r.c.empty()) break;
    seq.push_back(std::move(r));
  }
  if (seq.back().c.empty()) seq.pop_back();
}

int SturmSequence::sign_changes(const Q& x) const {
  int changes = 0, last = 0;
  for (const QPoly& q : seq) {
    int s = sign_of(q(x));
    if (s == 0) continue;
    if (last != 0 && s != last) ++changes;
    last = s;
  }
  return changes;
}

int SturmSequence::count(const Q& a, const Q& b) const {
  if (seq.front()(a) == 0 || seq.front()(b) == 0) throw DomainError("a root lies on an end of the interval");
  return sign_changes(a) - sign_changes(b);
}

Q cauchy_bound(const QPoly& p) {
  if (p.degree() < 1) return Q(1);
  Q m = 0;
  const Q lead = abs(p.c.back());
  for (std::size_t k = 0; k + 1 < p.c.size(); ++k) m = std::max(m, Q(abs(p.c[k]) / lead));
  return 1 + m;
}

std::vector<IsolatedRoot> isolate_real_roots(const QPoly& p, const Q& a, const Q& b, unsigned bits) {
  SturmSequence st(p);
  const QPoly& f = st.seq.front();
  std::vector<IsolatedRoot> out;
  // Split (a, b) until every piece holds at most one root; pieces are open at both ends, and a split point
  // that is itself a root is recorded exactly.
  std::vector<std::pair<Q, Q>> todo{{a, b}};
  std::vector<std::pair<Q, Q>> single;
  int guard = 0;
  while (!todo.empty()) {
    if (++guard > 100000) throw DomainError("root isolation did not separate the roots");
    auto [lo, hi] = todo.back();
    todo.pop_back();
    int n = st.count(lo, hi);
    if (n == 0) continue;
    if (n == 1) {
      single.emplace_back(lo, hi);
      continue;
    }
    Q mid = (lo + hi) / 2;
    if (f(mid) == 0) {
      out.push_back({mid, mid});
      // Move the split off the root: a rational point close by on each side that is not a root.
      Q eps = (hi - lo) / 1024;
      while (f(mid - eps) == 0 || f(mid + eps) == 0 || st.count(mid - eps, mid + eps) != 1) eps /= 2;
      todo.emplace_back(lo, mid - eps);
      todo.emplace_back(mid + eps, hi);
    } else {
      todo.emplace_back(lo, mid);
      todo.emplace_back(mid, hi);
    }
  }
  // Refine each isolating interval by bisection on the sign of f (a simple root: f changes sign).
  const Q tol = Q(1) / Q(Z(1) << bits);
  for (auto [lo, hi] : single) {
    // An open interval (lo, hi) with one simple root and f(lo), f(hi) != 0 of opposite signs.
    int slo = sign_of(f(lo));
    bool hit = false;
    // Relative width, or (a root at 0) absolute width 2^-2bits.
    while (hi - lo > tol * std::max(abs(lo), abs(hi)) && hi - lo > tol * tol) {
      Q mid = (lo + hi) / 2;
      int sm = sign_of(f(mid));
      if (sm == 0) {
        lo = hi = mid;
        hit = true;
        break;
      }
      (sm == slo ? lo : hi) = mid;
    }
    (void)hit;
    out.push_back({lo, hi});
  }
  std::sort(out.begin(), out.end(), [](const IsolatedRoot& x, const IsolatedRoot& y) { return x.lo < y.lo; });
  return out;
}

}  // namespace flowcert
