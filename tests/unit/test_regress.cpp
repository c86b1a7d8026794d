// Baselines and regression: value comparison by trusted digits and by standard errors, and the
// claim-by-claim comparison of a run with a baseline after a formula edit, an equivalent rewrite, a new and
// a removed claim.
#include <boost/test/unit_test.hpp>

#include "flowcert/claims/formula_texts.hpp"
#include "flowcert/report/baseline.hpp"
#include "flowcert/report/html_report.hpp"
#include "test_util.hpp"

using namespace flowcert;
using namespace flowcert::test;

BOOST_AUTO_TEST_SUITE(regress)

namespace {
nlohmann::json kv(const std::string& v, double digits, double se = 0) {
  nlohmann::json j = {{"name", "x"}, {"value", v}, {"digits", digits}};
  if (se > 0) j["se"] = se;
  return j;
}
// A small claims file: an exact claim, an interval counterexample whose value is kept, and a definition
// that only the second uses.
std::string claims(const std::string& g, const std::string& extra = "") {
  return "[defs]\n\"g(x)\" = \"" + g + "\"\n"
         "[[claim]]\nid = \"A\"\nexpect = \"certified\"\nkind = \"exact\"\nparams = { n = 5 }\nholds = \"n*(n+1)/2 == 15\"\n"
         "[[claim]]\nid = \"B\"\nexpect = \"certified\"\nkind = \"counterexample\"\nparams = { x = \"0.5\" }\nholds = \"g(x) > 0\"\n" + extra;
}
std::vector<ClaimResult> run_all(const ClaimsFile& f) {
  std::vector<ClaimResult> out;
  for (const Claim& c : f.claims) out.push_back(run_claim(c, RunOptions{}));
  return out;
}
const ClaimChange* find(const RegressOutcome& o, const std::string& id, const std::string& what) {
  for (const auto& c : o.changes)
    if (c.id == id && c.what == what) return &c;
  return nullptr;
}
}  // namespace

BOOST_AUTO_TEST_CASE(values_move_beyond_trusted_digits_or_standard_errors) {
  BOOST_TEST(!value_moved(kv("7.330787094099465774e-4", 18), kv("7.330787094099465775e-4", 18)));  // last digit
  BOOST_TEST(value_moved(kv("7.330787094099465774e-4", 18), kv("7.330787094099466774e-4", 18)));   // 16th digit
  BOOST_TEST(!value_moved(kv("7.3307e-4", 4), kv("7.3309e-4", 30)));  // the less precise side decides
  BOOST_TEST(!value_moved(kv("1.00", 0, 0.01), kv("1.02", 0, 0.01)));  // 1.4 combined SE
  BOOST_TEST(value_moved(kv("1.00", 0, 0.01), kv("1.05", 0, 0.01)));   // 3.5 combined SE
}

BOOST_AUTO_TEST_CASE(an_edit_is_reported_by_claim_and_an_equivalent_rewrite_moves_no_value) {
  ClaimsFile f0 = load_text(claims("x^2 - 1/8"), "regress0.toml");
  std::vector<ClaimResult> r0 = run_all(f0);
  nlohmann::json base = make_baseline(r0, RunOptions{});
  BOOST_TEST(base["claims"]["B"]["values"].size() == 1u);
  BOOST_TEST(compare_with_baseline(base, r0).changes.empty());

  // A flipped sign in g: B's verdict and value move, and its diff names the definition; A does not move.
  ClaimsFile f1 = load_text(claims("-x^2 + 1/8"), "regress1.toml");
  RegressOutcome o1 = compare_with_baseline(base, run_all(f1));
  const ClaimChange* v = find(o1, "B", "verdict");
  BOOST_REQUIRE(v);
  BOOST_TEST(v->old_verdict == "certified");
  BOOST_TEST(v->new_verdict == "refuted");
  const ClaimChange* diff = find(o1, "B", "formula");
  BOOST_REQUIRE(diff);
  BOOST_TEST(diff->details.size() == 2u);
  BOOST_TEST(diff->details[0] == "- def g(x): x^2 - 1/8");
  BOOST_TEST(diff->details[1] == "+ def g(x): -x^2 + 1/8");
  BOOST_TEST(find(o1, "B", "value") != nullptr);
  for (const auto& c : o1.changes) BOOST_TEST(c.id != "A");
  BOOST_TEST(o1.text().find("B: verdict certified -> refuted") != std::string::npos);

  // Factored instead of expanded: the formula hash changes, the verdict and the value do not.
  ClaimsFile f2 = load_text(claims("(x - 1/(2*2^(1/2)))*(x + 1/(2*2^(1/2)))"), "regress2.toml");
  BOOST_TEST(claim_formula_hash(f2.claims[1]) != claim_formula_hash(f0.claims[1]));
  RegressOutcome o2 = compare_with_baseline(base, run_all(f2));
  BOOST_TEST(find(o2, "B", "formula") != nullptr);
  BOOST_TEST(find(o2, "B", "verdict") == nullptr);
  BOOST_TEST(find(o2, "B", "value") == nullptr);
  BOOST_TEST(o2.changes.size() == 1u);

  // A new claim and a removed one; a claim not run is not "removed".
  ClaimsFile f3 = load_text(claims("x^2 - 1/8", "[[claim]]\nid = \"C\"\nexpect = \"certified\"\nkind = \"exact\"\nholds = \"1 < 2\"\n"), "regress3.toml");
  std::vector<ClaimResult> r3 = run_all(f3);
  r3.erase(r3.begin());  // A not run
  RegressOutcome o3 = compare_with_baseline(base, r3);
  BOOST_TEST(find(o3, "C", "new") != nullptr);
  BOOST_TEST(find(o3, "A", "removed") != nullptr);
  BOOST_TEST(compare_with_baseline(base, r3, {"A"}).changes.size() == 1u);  // only C is new
}

BOOST_AUTO_TEST_CASE(report_pages_hold_every_claim) {
  ClaimsFile f = load_text(claims("x^2 - 1/8"), "report.toml");
  std::vector<ClaimResult> r = run_all(f);
  ReportInput in;
  in.title = "t";
  for (const auto& x : r) in.results.push_back(&x);
  in.certificates = {"", "certs/B.json"};
  std::string html = html_report(in), mdown = markdown_summary(in);
  std::size_t rows = 0;
  for (std::size_t p = html.find("<tr class=\"claim"); p != std::string::npos; p = html.find("<tr class=\"claim", p + 1)) ++rows;
  BOOST_TEST(rows == 2u);
  BOOST_TEST(html.find("href=\"certs/B.json\"") != std::string::npos);
  BOOST_TEST(html.find("g(x) = x^2 - 1/8") != std::string::npos);  // the definition as checked
  BOOST_TEST(mdown.find("| `B` |") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
