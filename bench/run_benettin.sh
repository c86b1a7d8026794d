#!/usr/bin/env bash
# Benettin QR iteration (paper 004, p = 1, sigma = 1/sqrt(n)) with flowcert's engine and with numpy, one after
# the other on an otherwise idle machine: seconds per step, the numpy/flowcert ratio, and flowcert's ratio to
# the GEMM+QR flop bound at the machine's measured GEMM rate (and to the engine's own flop count). Each side
# reports the fastest of 9 timed runs (below); numpy runs on one thread of OpenBLAS (Debian's libopenblas0-serial; with
# Debian's default reference BLAS/LAPACK numpy is 2-5x slower at n >= 128).
# Usage: bench/run_benettin.sh (build first; `scripts/install-deps.sh --bench` installs numpy and OpenBLAS).
set -eu
cd "$(dirname "$0")/.."
printf '%-6s %8s %16s %16s %10s %14s %12s\n' n steps "flowcert s/step" "numpy s/step" "numpy/fc" "fc/flop bound" "fc/own flops"
export OPENBLAS_NUM_THREADS=1
# This VM's speed drifts by up to 40 % over seconds (the same binary, pinned or not, with or without ASLR):
# each side is run as 3 processes, alternating, and the fastest of their 3 x 3 timed runs is kept.
field() { echo "$1" | sed -n "s/^$2 //p"; }
minof() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b + 0 < a + 0) ? b : a }'; }
for spec in 4:1000000 16:100000 128:1000 512:100; do
  n=${spec%%:*}; steps=${spec##*:}
  npsteps=$(( steps > 20000 ? 20000 : steps ))
  f=; p=; b=; o=
  for round in 1 2 3; do
    fc=$(build/bench/bench_benettin "$n" "$steps")
    np=$(/usr/bin/python3 bench/benettin_numpy.py "$n" "$npsteps")
    if [ -z "$f" ] || awk -v a="$(field "$fc" seconds_per_step)" -v b="$f" 'BEGIN { exit !(a + 0 < b + 0) }'; then
      f=$(field "$fc" seconds_per_step); b=$(field "$fc" ratio_to_bound); o=$(field "$fc" ratio_to_own_flops)
    fi
    p=$(minof "$p" "$(field "$np" seconds_per_step)")
  done
  printf '%-6s %8s %16s %16s %10.1f %14s %12s\n' "$n" "$steps" "$f" "$p" "$(awk -v a="$p" -v b="$f" 'BEGIN { print a / b }')" "$b" "$o"
done
