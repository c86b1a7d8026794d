// Problem P1 (issue 3): the reduced ODE of paper 000 (Eq. 4, appendix Psi), K = 8,
// a(0) = [1, 1, 1, 1.25, 0.01, 0.01, 0.01], integrated to T = 10. Prints a_1(10) and the seconds taken.
//   bench_ode_p1 --digits D [--method taylor|gbs] [--repeat R]
//   bench_ode_p1 --rigorous --bits B [--order N]   (interval Taylor enclosure over MPFI: width and seconds)
// The vector field is read from proofs/000-softmax-hadamard/claims.toml, as the claims use it.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "flowcert/claims/claim.hpp"
#include "flowcert/claims/runner.hpp"
#include "flowcert/num/decimal.hpp"
#include "flowcert/num/interval_ops.hpp"
#include "flowcert/ode/enclosure.hpp"
#include "flowcert/ode/integrator.hpp"
#include "flowcert/sym/model.hpp"

using namespace flowcert;

int main(int argc, char** argv) {
  unsigned digits = 50;
  std::string method = "taylor";
  int repeat = 1;
  bool rigorous = false;
  unsigned bits = 200;
  int order = 0;
  double lohner_from = 1e-12;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--digits") && i + 1 < argc) digits = static_cast<unsigned>(std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--rigorous")) rigorous = true;
    else if (!std::strcmp(argv[i], "--bits") && i + 1 < argc) bits = static_cast<unsigned>(std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--order") && i + 1 < argc) order = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--lohner") && i + 1 < argc) lohner_from = std::atof(argv[++i]);
    else if (!std::strcmp(argv[i], "--method") && i + 1 < argc) method = argv[++i];
    else if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc) repeat = std::atoi(argv[++i]);
    else {
      std::fprintf(stderr, "usage: bench_ode_p1 --digits D [--method taylor|gbs] [--repeat R] | --rigorous --bits B [--order N] [--lohner REL]\n"
                   "  --lohner REL: carry the Lohner set once the relative width exceeds REL (0: always; default 1e-12)\n");
      return 2;
    }
  }
  register_paper_models();
  ClaimsFile f = load_claims_file(default_proofs_dir() + "/000-softmax-hadamard/claims.toml");
  OdeSpec spec;
  spec.field = {{"a", "a*b_of(Psi, a)/D_of(Psi, a)"}};
  OdeSystem sys = compile_ode(spec, f.defs, {"K"});
  std::vector<std::pair<int, Mat<Q>>> constants = {{sys.prog.slot_of("K"), Mat<Q>::of_scalar(Q(8))}};
  const char* init[] = {"1", "1", "1", "1.25", "0.01", "0.01", "0.01"};
  if (rigorous) {
    PrecisionScope scope(bits_to_digits(bits));
    Mat<Q> a0 = Mat<Q>::sized(7, 1);
    for (int i = 0; i < 7; ++i) a0.v[static_cast<std::size_t>(i)] = parse_exact_decimal(init[i]);
    EnclosureOptions eo;
    eo.bits = bits;
    eo.order = order;
    eo.lohner_from = lohner_from;
    auto t0 = std::chrono::steady_clock::now();
    Mat<iv> a0i = Mat<iv>::from(a0, [](const Q& q) { return Ops<iv>::from_q(q); });
    auto steps = enclose_flow<iv>(sys, constants, {a0i}, Q(0), {Q(10)}, eo);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const iv& a1 = steps.back().end[0].v[0];
    std::size_t n_lohner = 0;
    for (const auto& st : steps) n_lohner += st.frame.empty() ? 0 : 1;
    std::printf("rigorous bits %u steps %zu (%zu in Lohner form)\n", bits, steps.size(), n_lohner);
    std::printf("a_1(10) in [%s, %s]\n", IntervalOps<iv>::lower(a1, 55).c_str(), IntervalOps<iv>::upper(a1, 55).c_str());
    std::printf("width %.3e (widest component %.3e)\n", IntervalOps<iv>::width(a1), max_width(steps.back().end));
    std::printf("seconds %.4f\n", secs);
    return 0;
  }
  const unsigned work = digits + 8;  // guard digits
  PrecisionScope scope(work);
  Mat<mp> a0 = Mat<mp>::sized(7, 1);
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
