#!/usr/bin/env bash
# Runs problem P1 with flowcert (Taylor, extrapolation), Boost.Odeint (Bulirsch-Stoer, MPFR) and mpmath's
# odefun side by side, one after another on an otherwise idle machine, and prints a_1(10), seconds and the
# ratio to flowcert's Taylor integrator. Usage: bench/run_benchmarks.sh [DIGITS] (default 50; build first).
set -eu
cd "$(dirname "$0")/.."
D=${1:-50}
B=build/bench
run() {  # name command...
  local name=$1; shift
  local out; out=$("$@")
  local val secs
  val=$(echo "$out" | sed -n 's/^a_1(10) = //p')
  secs=$(echo "$out" | sed -n 's/^seconds //p')
  printf '%s\t%s\t%s\n' "$name" "$secs" "$val"
}
{
  run "flowcert taylor" $B/bench_ode_p1 --digits "$D" --method taylor --repeat 5
  run "flowcert extrapolation" $B/bench_ode_p1 --digits "$D" --method gbs --repeat 5
  run "odeint bulirsch_stoer (mpfr)" $B/bench_ode_p1_odeint --digits "$D" --stepper bs
  run "mpmath odefun" /usr/bin/python3 bench/p1_mpmath.py "$D"
} > /tmp/flowcert_bench.tsv
base=$(head -1 /tmp/flowcert_bench.tsv | cut -f2)
printf '%-30s %10s %10s  %s\n' "P1 at $D digits" "seconds" "x taylor" "a_1(10)"
while IFS=$'\t' read -r name secs val; do
  printf '%-30s %10s %10.1f  %s\n' "$name" "$secs" "$(awk -v a="$secs" -v b="$base" 'BEGIN { print a / b }')" "$val"
done < /tmp/flowcert_bench.tsv
