// Problem P1 with Boost.Odeint at MPFR precision (the peer of bench_ode_p1): the same reduced ODE, written
// as plain C++ over Boost.Multiprecision, integrated by Odeint's adaptive Bulirsch-Stoer stepper.
//   bench_ode_p1_odeint --digits D [--stepper bs|rkf78]
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/stepper/bulirsch_stoer.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "flowcert/linalg/hadamard.hpp"
#include "flowcert/num/decimal.hpp"

// Odeint (Boost 1.74) walks value_type chains to find a state's scalar; Boost.Multiprecision numbers define
// value_type as themselves, so the chain must be cut here.
namespace boost::numeric::odeint::detail {
template <>
struct extract_value_type<flowcert::mp, void> {
  typedef flowcert::mp type;
};
}  // namespace boost::numeric::odeint::detail

using namespace flowcert;
namespace odeint = boost::numeric::odeint;
using State = std::vector<mp>;

int main(int argc, char** argv) {
  unsigned digits = 50;
  std::string stepper = "bs";
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--digits") && i + 1 < argc) digits = static_cast<unsigned>(std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--stepper") && i + 1 < argc) stepper = argv[++i];
    else {
      std::fprintf(stderr, "usage: bench_ode_p1_odeint --digits D [--stepper bs|rkf78]\n");
      return 2;
    }
  }
  PrecisionScope scope(digits + 8);
  const int K = 8, n = K - 1;
  Mat<Q> phi = sylvester_hadamard<Q>(K);
  std::vector<std::vector<int>> psi(n, std::vector<int>(n));
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) psi[i][j] = 1 - phi(i + 1, j + 1).convert_to<int>();
  long evaluations = 0;
  auto field = [&](const State& a, State& da, mp /*t*/) {
    ++evaluations;
    State e(n), b(n, mp(0));
    mp D(1);
    for (int i = 0; i < n; ++i) {
      mp x(0);
      for (int j = 0; j < n; ++j)
        if (psi[i][j]) x += psi[i][j] * a[j];
      e[i] = exp(-x);
      D += e[i];
    }
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j)
        if (psi[i][j]) b[i] += psi[i][j] * e[j];
    for (int i = 0; i < n; ++i) da[i] = a[i] * b[i] / D;
  };
  const char* init[] = {"1", "1", "1", "1.25", "0.01", "0.01", "0.01"};
  State a(n);
  for (int i = 0; i < n; ++i) a[i] = mp(parse_exact_decimal(init[i]));
  mp tol = pow(mp(10), -static_cast<int>(digits + 2));
  auto t0 = std::chrono::steady_clock::now();
  std::size_t steps;
  if (stepper == "rkf78") {
    auto st = odeint::make_controlled(tol, tol, odeint::runge_kutta_fehlberg78<State, mp>());
    steps = odeint::integrate_adaptive(st, field, a, mp(0), mp(10), mp(1) / 100);
  } else {
    odeint::bulirsch_stoer<State, mp> st(tol, tol);
    steps = odeint::integrate_adaptive(st, field, a, mp(0), mp(10), mp(1) / 100);
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("odeint %s digits %u steps %zu evaluations %ld\n", stepper.c_str(), digits, steps, evaluations);
  std::printf("a_1(10) = %s\n", to_display(a[0], digits).c_str());
  std::printf("seconds %.4f\n", secs);
  return 0;
}
