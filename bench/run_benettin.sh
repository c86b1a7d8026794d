#!/usr/bin/env bash
# Benettin QR iteration (paper 004, p = 1, sigma = 1/sqrt(n)) with flowcert's engine and with numpy, one after
# the other on an otherwise idle machine: seconds per step, the numpy/flowcert ratio, and flowcert's ratio to
# the GEMM+QR flop bound at the machine's measured GEMM rate (and to the engine's own flop count). Each side
# reports the fastest of 3 timed runs; numpy runs on one thread of OpenBLAS (Debian's libopenblas0-serial; with
# Debian's default reference BLAS/LAPACK numpy is 2-5x slower at n >= 128).
# Usage: bench/run_benettin.sh (build first; `scripts/install-deps.sh --bench` installs numpy and OpenBLAS).
set -eu
cd "$(dirname "$0")/.."
printf '%-6s %8s %16s %16s %10s %14s %12s\n' n steps "flowcert s/step" "numpy s/step" "numpy/fc" "fc/flop bound" "fc/own flops"
export OPENBLAS_NUM_THREADS=1
for spec in 4:1000000 16:100000 128:1000 512:100; do
  n=${spec%%:*}; steps=${spec##*:}
  fc=$(build/bench/bench_benettin "$n" "$steps")
  npsteps=$(( steps > 20000 ? 20000 : steps ))
  np=$(/usr/bin/python3 bench/benettin_numpy.py "$n" "$npsteps")
  f=$(echo "$fc" | sed -n 's/^seconds_per_step //p'); b=$(echo "$fc" | sed -n 's/^ratio_to_bound //p')
  o=$(echo "$fc" | sed -n 's/^ratio_to_own_flops //p')
  p=$(echo "$np" | sed -n 's/^seconds_per_step //p')
  printf '%-6s %8s %16s %16s %10.1f %14s %12s\n' "$n" "$steps" "$f" "$p" "$(awk -v a="$p" -v b="$f" 'BEGIN { print a / b }')" "$b" "$o"
done
