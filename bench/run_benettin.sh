#!/usr/bin/env bash
# Benettin QR iteration (paper 004, p = 1, sigma = 1/sqrt(n)) with flowcert's engine and with numpy, one after
# the other on an otherwise idle machine: seconds per step, the numpy/flowcert ratio, and flowcert's ratio to
# the GEMM+QR flop bound at the machine's measured GEMM rate. Each side reports the fastest of 3 timed runs.
# Usage: bench/run_benettin.sh (build first; `scripts/install-deps.sh --bench` installs python3-numpy).
set -eu
cd "$(dirname "$0")/.."
printf '%-6s %8s %16s %16s %10s %14s\n' n steps "flowcert s/step" "numpy s/step" "numpy/fc" "fc/flop bound"
for spec in 4:1000000 16:100000 128:1000 512:100; do
  n=${spec%%:*}; steps=${spec##*:}
  fc=$(build/bench/bench_benettin "$n" "$steps")
  npsteps=$(( steps > 20000 ? 20000 : steps ))
  np=$(/usr/bin/python3 bench/benettin_numpy.py "$n" "$npsteps")
  f=$(echo "$fc" | sed -n 's/^seconds_per_step //p'); b=$(echo "$fc" | sed -n 's/^ratio_to_bound //p')
  p=$(echo "$np" | sed -n 's/^seconds_per_step //p')
  printf '%-6s %8s %16s %16s %10.1f %14s\n' "$n" "$steps" "$f" "$p" "$(awk -v a="$p" -v b="$f" 'BEGIN { print a / b }')" "$b"
done
