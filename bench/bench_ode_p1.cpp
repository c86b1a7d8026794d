// Problem P1 (issue 3): the reduced ODE of paper 000 (Eq. 4, appendix Psi), K = 8,
// a(0) = [1, 1, 1, 1.25, 0.01, 0.01, 0.01], integrated to T = 10. Prints a_1(10) and the seconds taken.
//   bench_ode_p1 --digits D [--method taylor|gbs] [--repeat R]
// The vector field is read from proofs/000-softmax-hadamard/claims.toml, as the claims use it.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "flowcert/claims/claim.hpp"
#include "flowcert/claims/runner.hpp"
#include "flowcert/num/decimal.hpp"
#include "flowcert/ode/integrator.hpp"
#include "flowcert/sym/model.hpp"

using namespace flowcert;

int main(int argc, char** argv) {
  unsigned digits = 50;
  std::string method = "taylor";
  int repeat = 1;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--digits") && i + 1 < argc) digits = static_cast<unsigned>(std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--method") && i + 1 < argc) method = argv[++i];
    else if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc) repeat = std::atoi(argv[++i]);
    else {
      std::fprintf(stderr, "usage: bench_ode_p1 --digits D [--method taylor|gbs] [--repeat R]\n");
      return 2;
    }
  }
  register_paper_models();
  ClaimsFile f = load_claims_file(default_proofs_dir() + "/000-softmax-hadamard/claims.toml");
  OdeSpec spec;
  spec.field = {{"a", "a*b_of(Psi, a)/D_of(Psi, a)"}};
  OdeSystem sys = compile_ode(spec, f.defs, {"K"});
  std::vector<std::pair<int, Mat<Q>>> constants = {{sys.prog.slot_of("K"), Mat<Q>::of_scalar(Q(8))}};
  const unsigned work = digits + 8;  // guard digits
  PrecisionScope scope(work);
  Mat<mp> a0 = Mat<mp>::sized(7, 1);
  const char* init[] = {"1", "1", "1", "1.25", "0.01", "0.01", "0.01"};
  for (int i = 0; i < 7; ++i) a0.v[static_cast<std::size_t>(i)] = mp(parse_exact_decimal(init[i]));
  IntegrationOptions opt;
  opt.digits = work;
  opt.tol_digits = digits + 2;
  IntegrationResult r;
  auto t0 = std::chrono::steady_clock::now();
  for (int k = 0; k < repeat; ++k)
    r = method == "gbs" ? extrapolation_integrate(sys, constants, {a0}, mp(0), {mp(10)}, opt)
                        : taylor_integrate(sys, constants, {a0}, mp(0), {mp(10)}, opt);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / repeat;
  std::printf("method %s digits %u steps %ld evaluations %ld\n", method.c_str(), digits, r.steps, r.evaluations);
  std::printf("a_1(10) = %s\n", to_display(r.states[0][0].v[0], digits).c_str());
  std::printf("seconds %.4f\n", secs);
  return 0;
}
