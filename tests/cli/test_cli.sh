#!/usr/bin/env bash
# End-to-end tests of the flowcert command: exit statuses, an edited copy of a claims file, bad input,
# atomic JSON output, certify/recheck with tampering. Usage: test_cli.sh FLOWCERT SOURCE_DIR
set -u
FC=$1
SRC=$2
source "$(dirname "$0")/lib.sh"

CLAIMS=$SRC/proofs/000-softmax-hadamard/claims.toml

expect_status 0 "help" -- "$FC" --help
expect_status 0 "verify --help" -- "$FC" verify --help
expect_status 2 "unknown subcommand" -- "$FC" frobnicate
expect_status 2 "unknown option" -- "$FC" verify --bogus
expect_status 0 "list" -- "$FC" list --paper 000
expect_grep "$T/out" "S0-T4.2b" "list names the claims"

# The whole paper, with a JSON report.
expect_status 0 "verify --paper 000 --json" -- "$FC" verify --paper 000 --json "$T/r.json"
if grep -Eq '^([0-9]+) claims, \1 as expected, 0 not as expected' "$T/out"; then ok "table summary line: all as expected"; else bad "table summary line"; tail -3 "$T/out"; fi
python3 - "$T/r.json" <<'PY' && ok "JSON report has the documented shape" || bad "JSON report shape"
import json, sys
d = json.load(open(sys.argv[1]))
assert set(d) == {"claims", "summary"}
assert len(d["claims"]) == d["summary"]["claims"] >= 24
for c in d["claims"]:
    for k in ("id", "paper", "where", "verdict", "expected", "evidence"):
        assert k in c, k
    assert c["verdict"] == c["expected"], c["id"]
assert d["summary"]["as_expected"] == len(d["claims"]) and d["summary"]["not_as_expected"] == 0
PY
expect_status 0 "verify one claim" -- "$FC" verify --paper 000 --claim S0-T4.2b --precision 30
expect_status 2 "unknown claim id" -- "$FC" verify --paper 000 --claim S0-NOPE
expect_grep "$T/err" "no claim with id 'S0-NOPE'" "unknown id is named"

# A user's edited copy: Eq. (13) with a wrong exponent must be caught, and only by the claims that use it.
sed 's/"sum(hat(v)^2\*(b_of/"sum(hat(v)^3*(b_of/' "$CLAIMS" > "$T/edited.toml"
cmp -s "$CLAIMS" "$T/edited.toml" && bad "the mutation did not apply"
expect_status 1 "edited Eq. (13) is caught" -- "$FC" verify --claims "$T/edited.toml" --claim S0-E13 --claim S0-T4.2b --claim S0-T3.2 --claim S0-T4.1
expect_grep "$T/out" "S0-E13 *refuted *verified" "S0-E13 refuted under the edit"
expect_grep "$T/out" "S0-T4.2b *refuted *certified" "S0-T4.2b's printed value refuted under the edit"
expect_grep "$T/out" "S0-T3.2 *verified *verified" "claims not using Eq. (13) unchanged"
# The main-text Psi put into the paper-wide definition: caught by the claims that use Psi.
sed 's/^"Psi_of(k)" = "ones(k-1, k-1) - /"Psi_of(k)" = "ones(k-1, k-1)\/(k-1) - /' "$CLAIMS" > "$T/psi.toml"
expect_status 1 "main-text Psi everywhere is caught" -- "$FC" verify --claims "$T/psi.toml" --claim S0-Psi --claim S0-T4.2b --claim S0-B3-colsum
expect_grep "$T/out" "S0-Psi *refuted" "S0-Psi refuted with the main-text form"

# Bad input: clear message with file and line, exit 2, no half-written output.
printf '[paper]\nid = "x"\n[[claim]]\nid = "B"\nexpect = "verified"\nkind = "identity"\nlhs = "exp(y)"\nrhs = "1"\n' > "$T/bad.toml"
echo "previous content" > "$T/keep.json"
expect_status 2 "unknown symbol" -- "$FC" verify --claims "$T/bad.toml" --json "$T/keep.json"
expect_grep "$T/err" "bad.toml:7: claim B: .*unknown symbol 'y'" "message names file, line, claim"
expect_grep "$T/keep.json" "previous content" "JSON file untouched on bad input"
printf '[paper]\nid = "x"\n[[claim]\n' > "$T/malformed.toml"
expect_status 2 "malformed TOML" -- "$FC" verify --claims "$T/malformed.toml"
expect_grep "$T/err" "malformed.toml:3" "malformed TOML line named"
expect_status 2 "missing claims file" -- "$FC" verify --claims "$T/nope.toml"
expect_status 2 "JSON into a missing directory" -- "$FC" verify --paper 000 --claim S0-D3.1 --json "$T/nodir/r.json"
ls "$T"/.r.json.tmp* >/dev/null 2>&1 && bad "temporary file left behind" || ok "no temporary file left behind"

# Figures: a flow with a plot writes CSV + SVG into --figures DIR (atomically, only when asked).
cat > "$T/plot.toml" <<'TOML'
[paper]
id = "p"
[[claim]]
id = "P"
expect = "verified"
kind = "lyapunov"
digits = 20
state = { y = "1" }
field = { y = "-y" }
times = { to = 5, count = 30 }
holds = "y > 0"
plot = { name = "decay", title = "y' = -y", log_x = false, series = { y = "y", "exp(-t)" = "exp(-t)" } }
TOML
expect_status 0 "verify with --figures" -- "$FC" verify --claims "$T/plot.toml" --figures "$T/figs"
[ -s "$T/figs/decay.csv" ] && [ "$(wc -l < "$T/figs/decay.csv")" = 31 ] && ok "figure data written (30 rows)" || bad "figure data"
grep -q "<polyline" "$T/figs/decay.svg" && grep -q "</svg>" "$T/figs/decay.svg" && ok "figure SVG written" || bad "figure SVG"
expect_status 0 "verify without --figures writes none" -- "$FC" verify --claims "$T/plot.toml"

# Certificates.
expect_status 0 "certify S0-T4.2b" -- "$FC" certify S0-T4.2b --paper 000 --out "$T/c.json"
expect_status 0 "recheck S0-T4.2b" -- "$FC" recheck "$T/c.json"
expect_grep "$T/out" "CONFIRMED" "recheck confirms"
sed 's/"1.25"/"1.3"/' "$T/c.json" > "$T/c_inputs.json"
expect_status 1 "recheck rejects edited inputs" -- "$FC" recheck "$T/c_inputs.json"
expect_grep "$T/out" "REJECTED" "rejection is reported"
sed 's/"op": ">"/"op": "<"/' "$T/c.json" > "$T/c_formula.json"
expect_status 1 "recheck rejects an edited formula" -- "$FC" recheck "$T/c_formula.json"
sed '0,/"lo": "7.33078709409946/s//"lo": "7.33078709409947/' "$T/c.json" > "$T/c_bound.json"
cmp -s "$T/c.json" "$T/c_bound.json" && bad "bound edit did not apply"
expect_status 1 "recheck rejects an edited bound" -- "$FC" recheck "$T/c_bound.json"
head -c 200 "$T/c.json" > "$T/c_trunc.json"
expect_status 1 "recheck rejects a truncated file" -- "$FC" recheck "$T/c_trunc.json"
for id in S0-B4-lift S0-Psi-printed S0-F1-printed S0-C2f-printed S0-B2-Y-printed; do
  expect_status 0 "certify $id" -- "$FC" certify $id --paper 000 --out "$T/$id.json"
  expect_status 0 "recheck $id" -- "$FC" recheck "$T/$id.json"
done
# A flow certificate: D_KL decreasing for every t in [0, 10], re-enclosed step by step with Arb.
expect_status 0 "certify S0-T4.1-flow" -- "$FC" certify S0-T4.1-flow --paper 000 --out "$T/flow.json"
expect_status 0 "recheck S0-T4.1-flow" -- "$FC" recheck "$T/flow.json"
expect_grep "$T/out" "re-enclosed with Arb" "flow recheck replays the steps"
python3 - "$T/flow.json" "$T/flow_bad.json" <<'PY'
import json, sys, hashlib
c = json.load(open(sys.argv[1]))
step = c["items"][0]["steps"][3]
step["end"][0]["hi"][2] = step["end"][0]["lo"][2]          # an enclosure shrunk to a point
body = dict(c); body.pop("digest_sha256")
c["digest_sha256"] = hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()).hexdigest()
json.dump(c, open(sys.argv[2], "w"))
PY
expect_status 1 "recheck rejects a shrunk flow enclosure (resealed)" -- "$FC" recheck "$T/flow_bad.json"
expect_status 2 "certify a claim with nothing to certify" -- "$FC" certify S0-T3.2 --paper 000 --out "$T/none.json"
[ -e "$T/none.json" ] && bad "no file for an uncertifiable claim" || ok "no file for an uncertifiable claim"

# Paper 001: certified roots of Theorem 3.3; a mutated exponent a = (2-L)/L -> (1-L)/L is refuted.
C1=$SRC/proofs/001-deep-matrix-completion/claims.toml
expect_status 0 "verify --paper 001" -- "$FC" verify --paper 001
expect_grep "$T/out" "not run (add --full): S1-T3.3-d10" "the long d = 10 flow is held back without --full"
expect_status 0 "list marks --full claims" -- "$FC" list --paper 001
expect_grep "$T/out" "S1-T3.3-d10.*\[--full\]" "list marks S1-T3.3-d10 as --full"
# Figs. 2/5 from the certified enclosures: CSV with alpha^L and one column per (sigma, L), and an SVG.
expect_status 0 "verify S1-Fig2 --figures" -- "$FC" verify --paper 001 --claim S1-Fig2 --figures "$T/figs"
python3 - "$T/figs" <<'PY' && ok "Fig. 2 data: 10 alpha^L x 10 lines, sigma_1 + 9 sigma_i = 10" || bad "Fig. 2 data"
import csv, sys, os
rows = list(csv.reader(open(os.path.join(sys.argv[1], "fig2_m10.csv"))))
assert rows[0][0] == "alpha^L" and len(rows[0]) == 11 and len(rows) == 11, rows[0]
for r in rows[1:]:
    v = [float(x) for x in r]
    for L in range(5):
        assert abs(v[1 + L] + 9 * v[6 + L] - 10) < 1e-12, r
    assert abs(v[6] - 810 / 1090) < 1e-15          # L = 2: the closed form, alpha-independent
assert os.path.getsize(os.path.join(sys.argv[1], "fig2_m10.svg")) > 5000
PY
# The polynomial route (Sturm) refutes a flipped sign in an edited copy, and only the claim that uses it.
mutate "$C1" "$T/mutated001p.toml" 's|polynomial = "ws\*d\*u^3\*(u + Cq)^3 - u^3 - (n-1)\*(u + Cq)^3"|polynomial = "ws*d*u^3*(u + Cq)^3 - u^3 + (n-1)*(u + Cq)^3"|' \
  'u^3 + (n-1)' "polynomial sign flipped in the copy"
expect_status 1 "the flipped polynomial is caught" -- "$FC" verify --claims "$T/mutated001p.toml" --claim S1-T3.3-poly --claim S1-T3.3
expect_grep "$T/out" "S1-T3.3-poly *refuted" "S1-T3.3-poly with a flipped sign is refuted"
expect_grep "$T/out" "S1-T3.3 *certified" "S1-T3.3 (interval Newton) is unaffected"
mutate "$C1" "$T/mutated001.toml" 's|^ax = "(2-L)/L"|ax = "(1-L)/L"|' '^ax = "(1-L)/L"' "exponent mutated in the copy"
expect_status 1 "the mutated exponent is caught" -- "$FC" verify --claims "$T/mutated001.toml" --claim S1-T3.3
expect_grep "$T/out" "S1-T3.3 *refuted" "S1-T3.3 with a = (1-L)/L is refuted"
expect_status 0 "certify S1-T3.3 (interval Newton)" -- "$FC" certify S1-T3.3 --paper 001 --out "$T/t33.json"
expect_status 0 "recheck S1-T3.3" -- "$FC" recheck "$T/t33.json"
expect_grep "$T/out" "exactly one root in" "root recheck redoes the Newton test"
python3 - "$T/t33.json" "$T/t33_bad.json" <<'PY'
import json, sys, hashlib
c = json.load(open(sys.argv[1]))
e = c["items"][0]["enclosure"]
e["lo"], e["hi"] = e["hi"], e["hi"] + "1"        # an enclosure moved just above the root
body = dict(c); body.pop("digest_sha256")
c["digest_sha256"] = hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()).hexdigest()
json.dump(c, open(sys.argv[2], "w"))
PY
expect_status 1 "recheck rejects a moved root enclosure (resealed)" -- "$FC" recheck "$T/t33_bad.json"

# Paper 004: Monte-Carlo verdicts print SE and z; the printed finite-depth sign is refuted and the corrected one
# consistent; flipping the corrected sign in a copy turns it refuted; exact counterexamples recheck.
C4="$SRC/proofs/004-jacobian-spectra/claims.toml"
expect_status 0 "S4-T5.3b and S4-T5.3b-printed as expected" -- "$FC" verify --paper 004 --claim S4-T5.3b --claim S4-T5.3b-printed --threads 1
expect_grep "$T/out" "S4-T5.3b-printed *refuted.*z = " "the printed sign is refuted with its z"
expect_grep "$T/out" "S4-T5.3b  *consistent.*max |z| = .*SE " "the corrected sign is consistent with SE and z"
mutate "$C4" "$T/mutated004.toml" 's|^  predict = "cc(ii)"|  predict = "-cc(ii)"|' '^  predict = "-cc(ii)"' "corrected sign flipped in the copy"
expect_status 1 "the flipped sign is caught" -- "$FC" verify --claims "$T/mutated004.toml" --claim S4-T5.3b
expect_grep "$T/out" "S4-T5.3b *refuted" "S4-T5.3b with the printed sign is refuted"
# The same seed gives the same numbers with 1 and 2 threads.
"$FC" verify --paper 004 --claim S4-R5.4 --threads 1 --json "$T/mc1.json" > /dev/null 2>&1
"$FC" verify --paper 004 --claim S4-R5.4 --threads 2 --json "$T/mc2.json" > /dev/null 2>&1
python3 - "$T/mc1.json" "$T/mc2.json" <<'PY' && ok "S4-R5.4 bit-identical with 1 and 2 threads" || bad "S4-R5.4 bit-identical with 1 and 2 threads"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
va = [c["values"] for r in a["claims"] for c in r["evidence"]["checks"]]
vb = [c["values"] for r in b["claims"] for c in r["evidence"]["checks"]]
assert va == vb and len(va[0]) == 21, (len(va), va[:1])
PY
for c in S4-LE.1-printed S4-T6.1-printed S4-LC.2-printed; do
  expect_status 0 "certify $c" -- "$FC" certify "$c" --paper 004 --out "$T/$c.json"
  expect_status 0 "recheck $c" -- "$FC" recheck "$T/$c.json"
done
# Fig. 3: a figure over the entries of a Monte-Carlo check (x = the index vector), one colour per p, the
# three predictions in three dash patterns; the MC curve sits above gamma_k for k <= 50 (by at least 4 SE;
# near k = 64 the margin is under 2 SE, so those entries are left to the one-sided test) and, at k = 1, the
# printed curve below gamma_k. A series whose length does not match x is an input error naming the claim.
expect_status 0 "S4-Fig3 with its figure" -- "$FC" verify --paper 004 --claim S4-Fig3 --figures "$T/f4"
python3 - "$T/f4" <<'PY' && ok "fig3_top_spectrum: 64 rows, p = 1/2 drawn to k = 40, MC above gamma_k (k <= 50), 3 dash patterns" || bad "fig3_top_spectrum"
import csv, math, os, re, sys
rows = list(csv.reader(open(os.path.join(sys.argv[1], "fig3_top_spectrum.csv"))))
head, data = rows[0], rows[1:]
assert len(data) == 64 and [int(float(r[0])) for r in data] == list(range(1, 65)), len(data)
col = {h: i for i, h in enumerate(head)}
val = lambda r, h: float(r[col[h]]) if r[col[h]] not in ("", "nan", "NaN") else math.nan
assert all(not math.isnan(val(r, "MC, p = 0.5")) for r in data[:40]) and all(math.isnan(val(r, "MC, p = 0.5")) for r in data[40:])
assert all(val(r, "MC, p = 1") > val(r, "gamma_k, p = 1") for r in data[:50])
assert val(data[0], "printed gamma_k - c_k/L, p = 1") < val(data[0], "gamma_k, p = 1") < val(data[0], "MC, p = 1")
svg = open(os.path.join(sys.argv[1], "fig3_top_spectrum.svg")).read()
assert svg.count("<polyline") == 8 and len(set(re.findall(r'stroke-dasharray="([^"]+)"', svg))) == 3
PY
# The check refuses a wrong bound: gamma_k + 2 c_k/L (twice the corrected term) is above the data at small k.
mutate "$C4" "$T/fig3wrong.toml" 's|^  lower = "gam(kk)"|  lower = "gam(kk) + 2*cc(kk)/L"|' '^  lower = "gam(kk) + 2\*cc(kk)/L"' "S4-Fig3's bound changed in the copy"
expect_status 1 "the wrong bound is caught" -- "$FC" verify --claims "$T/fig3wrong.toml" --claim S4-Fig3
expect_grep "$T/out" "S4-Fig3 *refuted.*z = " "S4-Fig3 with the wrong bound is refuted with its z"
mutate "$C4" "$T/fig3bad.toml" 's|"MC" = "mc", "gamma_k" = "gam(kk)"|"MC" = "mc", "gamma_k" = "gam(vec(1, 2))"|' 'gam(vec(1, 2))' "a Fig. 3 series of the wrong length in the copy"
expect_status 2 "a series that does not match x is an input error" -- "$FC" verify --claims "$T/fig3bad.toml" --claim S4-Fig3 --figures "$T/f4bad"
[ ! -e "$T/f4bad" ] || [ -z "$(ls -A "$T/f4bad")" ] && ok "no figure files written for the bad series" || bad "figure files written for the bad series"
expect_status 2 "the same without --figures (the plot is evaluated anyway)" -- "$FC" verify --claims "$T/fig3bad.toml" --claim S4-Fig3
expect_grep "$T/err" "claim S4-Fig3.*plot series 'gamma_k' is a 2x1 matrix .* but x is a 64x1 one" "the error names the claim and both shapes"
# A malformed montecarlo table names the file, line and claim.
printf '[paper]\nid = "x"\ntitle = "x"\n[[claim]]\nid = "M"\nexpect = "consistent"\nkind = "montecarlo"\nparams = { n = 4 }\nmontecarlo = { estimator = "lyapunov", chains = 1 }\npredict = "1"\n' > "$T/badmc.toml"
expect_status 2 "montecarlo with chains = 1 is an input error" -- "$FC" verify --claims "$T/badmc.toml"
expect_grep "$T/err" "badmc.toml:9.*claim M.*chains must be an integer in 2..1e8" "the error names file, line, claim"

finish
