# Shared by the end-to-end test scripts: a scratch directory $T (removed on exit), pass/fail counters, and
# assertions on a command's exit status and on what a file contains. Source it after setting FC and SRC.
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0; passes=0
ok() { passes=$((passes+1)); echo "ok   - $1"; }
bad() { fails=$((fails+1)); echo "FAIL - $1"; }
# expect_status CODE DESCRIPTION -- command...   (stdout in $T/out, stderr in $T/err)
expect_status() {
  local want=$1 what=$2; shift 3
  "$@" >"$T/out" 2>"$T/err"; local got=$?
  if [ "$got" = "$want" ]; then ok "$what (exit $got)"; else bad "$what: exit $got, wanted $want"; sed 's/^/    /' "$T/out" "$T/err" | tail -20; fi
}
expect_grep() {  # expect_grep FILE PATTERN DESCRIPTION
  if grep -q -- "$2" "$1"; then ok "$3"; else bad "$3: '$2' not in $1"; sed 's/^/    /' "$1" | tail -10; fi
}
expect_no_grep() {  # expect_no_grep FILE PATTERN DESCRIPTION
  if grep -q -- "$2" "$1"; then bad "$3: '$2' found in $1"; sed 's/^/    /' "$1" | tail -10; else ok "$3"; fi
}
finish() {
  echo "$passes passed, $fails failed"
  [ "$fails" = 0 ]
}
# mutate SRC DEST SED_EXPR GREP_PATTERN DESCRIPTION: writes an edited copy of a claims file and checks that the
# edit is in it (so a later "the mutation is caught" cannot pass on an unedited copy).
mutate() { sed "$3" "$1" > "$2"; if grep -q -- "$4" "$2"; then ok "$5"; else bad "$5"; fi; }
