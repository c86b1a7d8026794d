// Exact real-root isolation (Sturm) and the polyroot kind; the builtins and models paper 001 added
// (svals, expm1c, pattern_orbits); a literal 0 passed to a definition keeps its shape.
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "flowcert/roots/real_roots.hpp"
#include "test_util.hpp"

using namespace flowcert;
using namespace flowcert::test;

BOOST_AUTO_TEST_SUITE(roots_exact)

namespace {
QPoly poly(std::initializer_list<long> c) {
  QPoly p;
  for (long x : c) p.c.push_back(Q(x));
  return p;
}
// Eq. (9) of paper 001 at L = 3 in u = sigma^(-1/3) (catalogue D3): D u^3 (u + C)^3 - u^3 - (n-1)(u + C)^3.
std::string eq9_poly_claim(const std::string& polynomial, const std::string& expect) {
  return "[defs]\nd = \"n*sb\"\nCq = \"(al/m)^(2-L)*((m+d-1)^(2-L) - (m-1)^(2-L))\"\nax = \"(2-L)/L\"\n"
         "Cst = \"(al/m)^(2-L)*(m-1)^(2-L)*expm1((2-L)*log1p(d/(m-1)))\"\n\"f2(x)\" = \"(ws*d - (n-1)*x)^ax - x^ax\"\n"
         "[[claim]]\nid = \"P\"\nexpect = \"" + expect + "\"\nkind = \"polyroot\"\nbits = 160\n"
         "params = { ws = 1, sb = 1, L = 3, m = 10, n = 10 }\ngrid = { al = [\"1/10\", \"1/100\"] }\nvariable = \"u\"\n"
         "polynomial = \"" + polynomial + "\"\nwindow = [\"max(0, -Cq)\", \"inf\"]\n"
         "holds = \"abs(f2(u^(-3)) - Cst) < 1e-40*abs(Cst)\"\n";
}
}  // namespace

BOOST_AUTO_TEST_CASE(sturm_counts_and_isolates) {
  // (x - 1)(x - 2)(x + 3) = x^3 - 7x + 6, and (x - 1)^2 (x - 5) with a double root.
  QPoly p = poly({6, -7, 0, 1});
  SturmSequence st(p);
  BOOST_TEST(st.count(Q(0), Q(10)) == 2);
  BOOST_TEST(st.count(Q(-10), Q(10)) == 3);
  BOOST_TEST(st.count(Q(3, 2), Q(5, 2)) == 1);
  BOOST_CHECK_THROW(st.count(Q(1), Q(3)), DomainError);  // a root on an end
  auto roots = isolate_real_roots(p, Q(-cauchy_bound(p)), cauchy_bound(p), 100);
  BOOST_REQUIRE(roots.size() == 3u);
  BOOST_TEST((roots[0].lo <= -3 && -3 <= roots[0].hi));
  BOOST_TEST((roots[2].lo <= 2 && 2 <= roots[2].hi));
  QPoly q = poly({-5, 11, -7, 1});  // (x - 1)^2 (x - 5): distinct roots 1 and 5
  BOOST_TEST(SturmSequence(q).count(Q(0), Q(10)) == 2);
  BOOST_TEST(squarefree_part(q).degree() == 2);
  // sqrt(2) as the root of x^2 - 2, to 200 bits.
  auto r2 = isolate_real_roots(poly({-2, 0, 1}), Q(0), Q(2), 200);
  BOOST_REQUIRE(r2.size() == 1u);
  BOOST_TEST((r2[0].lo * r2[0].lo < 2 && r2[0].hi * r2[0].hi > 2));
  BOOST_TEST(static_cast<double>(r2[0].hi - r2[0].lo) < 1e-59);
}

BOOST_AUTO_TEST_CASE(polyroot_accepts_eq9_and_rejects_a_flipped_sign) {
  auto ok = run_text(eq9_poly_claim("ws*d*u^3*(u + Cq)^3 - u^3 - (n-1)*(u + Cq)^3", "certified"));
  BOOST_TEST(to_string(ok.verdict) == "certified");
  BOOST_TEST(ok.checks.at(0).evidence["max_relative_width"].get<double>() < 1e-45);
  // A flipped sign: the polynomial's root no longer solves Eq. (9).
  auto sign = run_text(eq9_poly_claim("ws*d*u^3*(u + Cq)^3 - u^3 + (n-1)*(u + Cq)^3", "certified"));
  BOOST_TEST(to_string(sign.verdict) == "refuted");
  // A mutated coefficient (n instead of n - 1).
  auto coeff = run_text(eq9_poly_claim("ws*d*u^3*(u + Cq)^3 - u^3 - n*(u + Cq)^3", "certified"));
  BOOST_TEST(to_string(coeff.verdict) == "refuted");
  // Over the whole line there are two roots: "exactly one" is refuted by the exact count.
  std::string all = eq9_poly_claim("ws*d*u^3*(u + Cq)^3 - u^3 - (n-1)*(u + Cq)^3", "refuted");
  all.replace(all.find("[\"max(0, -Cq)\", \"inf\"]"), 22, "[\"-inf\", \"inf\"]");
  auto two = run_text(all);
  BOOST_TEST(to_string(two.verdict) == "refuted");
  BOOST_TEST(two.checks.at(0).summary.find("2 roots") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(polyroot_rejects_irrational_coefficients) {
  // alpha = 10^(-2/3) makes C irrational at L = 3: a clear error naming the coefficient, not a verdict.
  std::string body = eq9_poly_claim("ws*d*u^3*(u + Cq)^3 - u^3 - (n-1)*(u + Cq)^3", "certified");
  const std::string grid = "grid = { al = [\"1/10\", \"1/100\"] }";
  body.replace(body.find(grid), grid.size(), "defs = { al = \"2^(1/2)/10\" }");
  try {
    run_text(body);
    BOOST_FAIL("an irrational coefficient must be an input error");
  } catch (const InputError& e) {
    BOOST_TEST_MESSAGE(e.what());
    BOOST_TEST(std::string(e.what()).find("not rational") != std::string::npos, e.what());
  }
}

BOOST_AUTO_TEST_CASE(builtins_svals_expm1c_and_a_literal_zero_argument) {
  auto sv = run_text("[[claim]]\nid = \"S\"\nexpect = \"verified\"\nkind = \"identity\"\nparams = { A = [[3, 0], [4, 5]] }\nlhs = \"svals(A)\"\nrhs = \"vec(sqrt(45), sqrt(5))\"\n");
  BOOST_TEST(to_string(sv.verdict) == "verified");
  auto sv_bad = run_text("[[claim]]\nid = \"S\"\nexpect = \"verified\"\nkind = \"identity\"\nparams = { A = [[3, 0], [4, 5]] }\nlhs = \"svals(A)\"\nrhs = \"vec(sqrt(5), sqrt(45))\"\n");
  BOOST_TEST(to_string(sv_bad.verdict) == "refuted");
  auto e0 = run_text("[[claim]]\nid = \"E\"\nexpect = \"certified\"\nkind = \"exact\"\nparams = { y = \"0.5\" }\nholds = \"expm1c(0, y) == y\"\n");
  BOOST_TEST(to_string(e0.verdict) == "certified");
  auto e1 = run_text("[[claim]]\nid = \"E\"\nexpect = \"verified\"\nkind = \"identity\"\nparams = { y = \"0.5\" }\nlhs = \"expm1c(-1, y)\"\nrhs = \"1 - exp(-y)\"\n");
  BOOST_TEST(to_string(e1.verdict) == "verified");
  auto e1_bad = run_text("[[claim]]\nid = \"E\"\nexpect = \"verified\"\nkind = \"identity\"\nparams = { y = \"0.5\" }\nlhs = \"expm1c(-1, y)\"\nrhs = \"exp(-y) - 1\"\n");
  BOOST_TEST(to_string(e1_bad.verdict) == "refuted");
  // M(a, b, 0) of paper 001: the literal 0 must keep the shape of c*ones(sb, sb).
  auto z = run_text("[defs]\n\"Mabc(a, b, c)\" = \"kron(eye(n), (a-b)*eye(sb) + b*ones(sb, sb)) + kron(ones(n, n) - eye(n), c*ones(sb, sb))\"\n"
                    "[[claim]]\nid = \"Z\"\nexpect = \"certified\"\nkind = \"exact\"\nparams = { n = 2, sb = 2 }\n"
                    "holds = \"Mabc(1, 1/2, 0) == kron(eye(2), vcat(hcat(1, 1/2), hcat(1/2, 1)))\"\n");
  BOOST_TEST(to_string(z.verdict) == "certified");
}

BOOST_AUTO_TEST_CASE(pattern_orbits_counts_app_c1) {
  // 3x3 patterns up to row/column permutations and transpose: 1..8 entries give 18 + 6, 2..8 give 17 + 6;
  // without the transpose 27 + 7 (independently enumerated by the catalogue's count script).
  auto ok = run_text("[[claim]]\nid = \"O\"\nexpect = \"certified\"\nkind = \"exact\"\n"
                     "holds = \"vcat(pattern_orbits(3, 1, 1, 8), pattern_orbits(3, 1, 2, 8), pattern_orbits(3, 0, 1, 8)) == vcat(vec(18, 6), vec(17, 6), vec(27, 7))\"\n");
  BOOST_TEST(to_string(ok.verdict) == "certified");
  auto bad = run_text("[[claim]]\nid = \"O\"\nexpect = \"certified\"\nkind = \"exact\"\nholds = \"pattern_orbits(3, 1, 1, 8) == vec(17, 6)\"\n");
  BOOST_TEST(to_string(bad.verdict) == "refuted");
  auto conn = run_text("[[claim]]\nid = \"C\"\nexpect = \"certified\"\nkind = \"exact\"\n"
                       "holds = \"vec(connected(eye(2)), connected(vcat(hcat(1, 0), hcat(1, 0)))) == vec(0, 1)\"\n");
  BOOST_TEST(to_string(conn.verdict) == "certified");
}

BOOST_AUTO_TEST_CASE(root_figure_over_grid_points) {
  RunOptions opts;
  opts.figures_dir = scratch_dir() + "/figs";
  std::filesystem::create_directories(opts.figures_dir);
  auto r = run_text("[[claim]]\nid = \"F\"\nkind = \"root\"\nexpect = \"certified\"\nrigorous = true\nbits = 128\n"
                    "grid = { k = [2, 3], a = [\"1/2\", 2, 8] }\nunknowns = { x = \"1\" }\nequations = \"x^k - a\"\n"
                    "holds = \"x > 0\"\nplot = { name = \"roots\", x = \"a\", by = \"k\", log_x = true, log_y = true, series = { root = \"x\", square = \"x^2\" } }\n",
                    opts);
  BOOST_TEST(to_string(r.verdict) == "certified");
  std::ifstream csv(opts.figures_dir + "/roots.csv");
  std::string header, row;
  std::getline(csv, header);
  std::getline(csv, row);
  BOOST_TEST(header == "\"a\",\"root, k = 2\",\"root, k = 3\",\"square, k = 2\",\"square, k = 3\"");
  BOOST_TEST(row.rfind("0.5,0.7071067811865", 0) == 0u);  // sqrt(1/2)
  BOOST_TEST(std::filesystem::file_size(opts.figures_dir + "/roots.svg") > 1000u);
}

BOOST_AUTO_TEST_SUITE_END()
