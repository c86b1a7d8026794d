#!/usr/bin/env bash
# End to end: `flowcert regress` against the committed baseline of paper 001 on an edited copy of its claims
# file (a user's edit is reported by claim id with old and new verdict; an equivalent rewrite moves no
# verdict or value), `--accept`, and the HTML report rendered by headless Chromium.
# Usage: test_regress_report.sh FLOWCERT SOURCE_DIR
set -u
FC=$1
SRC=$2
source "$(dirname "$0")/lib.sh"

P1=$SRC/proofs/001-deep-matrix-completion
BASE=$P1/baseline.json
# A quick selection: the L = 2 closed form is used by S1-T3.3-L2 and S1-Fig2-depth-printed only.
SEL=(--claim S1-T3.3-L2 --claim S1-Fig2-depth-printed --claim S1-T3.3-poly --claim S1-AppC-count --claim S1-PD.1-thresholds)
cp "$P1/claims.toml" "$T/claims.toml"
expect_status 0 "regress: the unedited copy against the committed baseline" -- "$FC" regress --claims "$T/claims.toml" --baseline "$BASE" "${SEL[@]}"
expect_grep "$T/out" "5 claims, 5 unchanged; nothing moved" "nothing moved"

# A user's edit: the exponent of (m-1) in the L = 2 closed form for sigma_i.
mutate "$P1/claims.toml" "$T/claims.toml" 's|^"L2si(mm_)" = "ws\*d\*(mm_-1)^2/|"L2si(mm_)" = "ws*d*(mm_-1)^3/|' '(mm_-1)^3/' "exponent edited in the copy"
expect_status 1 "regress: the edit moves something" -- "$FC" regress --claims "$T/claims.toml" --baseline "$BASE" "${SEL[@]}"
expect_grep "$T/out" "S1-T3.3-L2: verdict certified -> refuted" "the edited claim with its old and new verdict"
expect_grep "$T/out" "+ def L2si(mm_): ws\*d\*(mm_-1)^3/" "the diff shows the edited definition"
expect_grep "$T/out" "S1-Fig2-depth-printed: formula changed" "the other claim that uses it"
expect_no_grep "$T/out" "S1-T3.3-poly:" "a claim that does not use it is not reported"
expect_no_grep "$T/out" "S1-AppC-count:" "nor is another"

# An equivalent rewrite: (m-1)^2 expanded. The formula changes; no verdict and no value moves.
sed 's|^"L2si(mm_)" = "ws\*d\*(mm_-1)^2/|"L2si(mm_)" = "ws*d*(mm_^2 - 2*mm_ + 1)/|' "$P1/claims.toml" > "$T/claims.toml"
expect_status 1 "regress: an equivalent rewrite is reported" -- "$FC" regress --claims "$T/claims.toml" --baseline "$BASE" "${SEL[@]}"
expect_grep "$T/out" "S1-T3.3-L2: formula changed (verdict certified)" "as a formula change"
expect_no_grep "$T/out" "verdict certified -> " "no verdict moved"
expect_no_grep "$T/out" "values moved" "no value moved"

# --accept writes a baseline beside the copy, atomically; then nothing moves.
expect_status 0 "regress --accept" -- "$FC" regress --claims "$T/claims.toml" --accept "${SEL[@]}"
expect_grep "$T/out" "baseline created: $T/baseline.json" "baseline created beside the claims file"
expect_status 0 "regress against the accepted baseline" -- "$FC" regress --claims "$T/claims.toml" "${SEL[@]}"
ls -A "$T" | grep -q '\.tmp\.' && bad "no temporary files left" || ok "no temporary files left"
expect_status 2 "regress without a baseline is an input error" -- "$FC" regress --claims "$T/claims.toml" --baseline "$T/none.json"
expect_grep "$T/err" "no baseline here" "and says how to create one"

# The report: verify and regress write index.html + summary.md; Chromium renders the claims table.
expect_status 0 "verify --report" -- "$FC" verify --paper 001 "${SEL[@]}" --claim S1-Fig2 --report "$T/rep"
for f in index.html summary.md certs/S1-Fig2-depth-printed.json figures/fig2_m10.svg; do
  [ -s "$T/rep/$f" ] && ok "report has $f" || bad "report has $f"
done
expect_status 0 "the report's certificate rechecks" -- "$FC" recheck "$T/rep/certs/S1-Fig2-depth-printed.json"
CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROME" ]; then
  bad "chromium is installed (scripts/install-deps.sh --tests)"
else
  timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --user-data-dir="$T/chrome" \
    --dump-dom "file://$T/rep/index.html" >"$T/dom.html" 2>"$T/chrome.err"
  rows=$(grep -o '<tr class="claim' "$T/dom.html" | wc -l)
  [ "$rows" = 6 ] && ok "Chromium renders the claims table (6 rows)" || { bad "Chromium renders the claims table: $rows rows"; tail -5 "$T/chrome.err"; }
  grep -q '<svg' "$T/dom.html" && ok "the figure is embedded" || bad "the figure is embedded"
  grep -q 'id="summary"' "$T/dom.html" && ok "the summary renders" || bad "the summary renders"
fi
size=$(stat -c %s "$T/rep/index.html")
[ "$size" -lt 5000000 ] && ok "index.html is $size bytes (< 5 MB)" || bad "index.html is $size bytes"
expect_grep "$T/rep/summary.md" "| claim | where | verdict | expected | evidence |" "summary.md has the verdict table"
expect_status 0 "regress --report" -- "$FC" regress --claims "$T/claims.toml" "${SEL[@]}" --report "$T/rep2"
expect_grep "$T/rep2/index.html" "Against the baseline" "the regress report shows the comparison"

finish
