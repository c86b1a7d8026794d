// Mat<T>: the value every formula evaluates to. A dense row-major matrix over any flowcert scalar; a scalar
// is a 1x1 Mat flagged `scalar`, a vector an n x 1 Mat. Elementwise operations broadcast like numpy
// (a scalar against anything; an n x 1 against a 1 x m gives n x m), so that `*` and `^` stay commutative
// and GiNaC may reorder them freely; the matrix product is the function mm(A, B).
#pragma once
#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace flowcert {

struct ShapeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

template <class T>
struct Mat {
  std::size_t rows = 1, cols = 1;
  bool scalar = true;
  std::vector<T> v;

  Mat() : v(1) {}
  static Mat of_scalar(T x) {
    Mat m;
    m.v[0] = std::move(x);
    return m;
  }
  static Mat sized(std::size_t r, std::size_t c, const T& fill = T(0)) {
    Mat m;
    m.rows = r;
    m.cols = c;
    m.scalar = false;
    m.v.assign(r * c, fill);
    return m;
  }
  T& operator()(std::size_t i, std::size_t j) { return v[i * cols + j]; }
  const T& operator()(std::size_t i, std::size_t j) const { return v[i * cols + j]; }
  std::size_t size() const { return v.size(); }
  std::string shape() const {
    return scalar ? std::string("scalar") : std::to_string(rows) + "x" + std::to_string(cols);
  }
  const T& as_scalar(const char* what) const {
    if (v.size() != 1) throw ShapeError(std::string(what) + " needs a scalar, got a " + shape() + " matrix");
    return v[0];
  }

  // Converts every entry with f (e.g. exact rationals -> intervals).
  template <class U, class F>
  static Mat from(const Mat<U>& o, F f) {
    Mat m;
    m.rows = o.rows;
    m.cols = o.cols;
    m.scalar = o.scalar;
    m.v.clear();
    m.v.reserve(o.v.size());
    for (const auto& x : o.v) m.v.push_back(f(x));
    return m;
  }
};

// Elementwise binary operation with numpy broadcasting.
template <class T, class F>
Mat<T> broadcast(const Mat<T>& a, const Mat<T>& b, F f, const char* opname) {
  if (a.scalar && b.scalar) return Mat<T>::of_scalar(f(a.v[0], b.v[0]));
  auto dim = [&](std::size_t x, std::size_t y, bool as, bool bs) -> std::size_t {
    if (as) return y;
    if (bs) return x;
    if (x == y) return x;
    if (x == 1) return y;
    if (y == 1) return x;
    throw ShapeError(std::string("shapes ") + a.shape() + " and " + b.shape() + " do not match in '" + opname + "'");
  };
  std::size_t r = dim(a.rows, b.rows, a.scalar, b.scalar), c = dim(a.cols, b.cols, a.scalar, b.scalar);
  Mat<T> out = Mat<T>::sized(r, c);
  for (std::size_t i = 0; i < r; ++i)
    for (std::size_t j = 0; j < c; ++j) {
      const T& x = a.scalar ? a.v[0] : a(a.rows == 1 ? 0 : i, a.cols == 1 ? 0 : j);
      const T& y = b.scalar ? b.v[0] : b(b.rows == 1 ? 0 : i, b.cols == 1 ? 0 : j);
      out(i, j) = f(x, y);
    }
  return out;
}

template <class T, class F>
Mat<T> map(const Mat<T>& a, F f) {
  Mat<T> out = a;
  for (auto& x : out.v) x = f(x);
  return out;
}

template <class T>
Mat<T> matmul(const Mat<T>& a, const Mat<T>& b) {
  if (a.scalar || b.scalar) return broadcast(a, b, [](const T& x, const T& y) { return T(x * y); }, "mm");
  if (a.cols != b.rows) throw ShapeError("mm: inner dimensions differ (" + a.shape() + " times " + b.shape() + ")");
  Mat<T> out = Mat<T>::sized(a.rows, b.cols);
  for (std::size_t i = 0; i < a.rows; ++i)
    for (std::size_t j = 0; j < b.cols; ++j) {
      T s(0);
      for (std::size_t k = 0; k < a.cols; ++k) s += a(i, k) * b(k, j);
      out(i, j) = std::move(s);
    }
  return out;
}

template <class T>
Mat<T> transpose(const Mat<T>& a) {
  if (a.scalar) return a;
  Mat<T> out = Mat<T>::sized(a.cols, a.rows);
  for (std::size_t i = 0; i < a.rows; ++i)
    for (std::size_t j = 0; j < a.cols; ++j) out(j, i) = a(i, j);
  return out;
}

template <class T>
Mat<T> kron(const Mat<T>& a, const Mat<T>& b) {
  if (a.scalar || b.scalar) return broadcast(a, b, [](const T& x, const T& y) { return T(x * y); }, "kron");
  Mat<T> out = Mat<T>::sized(a.rows * b.rows, a.cols * b.cols);
  for (std::size_t i = 0; i < a.rows; ++i)
    for (std::size_t j = 0; j < a.cols; ++j)
      for (std::size_t k = 0; k < b.rows; ++k)
        for (std::size_t l = 0; l < b.cols; ++l) out(i * b.rows + k, j * b.cols + l) = a(i, j) * b(k, l);
  return out;
}

}  // namespace flowcert
