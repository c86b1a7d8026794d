#!/usr/bin/env bash
# Standard normals: flowcert's ziggurat (branch-free sign), the same ziggurat with a branch on the sign, and
# numpy's Generator.standard_normal (Debian's python3-numpy), nanoseconds per variate, best of 3 runs each.
# Usage: bench/run_normals.sh (build first; `scripts/install-deps.sh --bench` installs numpy).
set -eu
cd "$(dirname "$0")/.."
build/bench/bench_normals 16000000 3
/usr/bin/python3 - <<'PY'
import time
import numpy as np
rng, best = np.random.default_rng(2026), None
for _ in range(3):
    t0 = time.perf_counter()
    rng.standard_normal(16000000)
    t = time.perf_counter() - t0
    best = t if best is None else min(best, t)
print(f"numpy_ns_per_normal {best / 16e6 * 1e9:.3f}")
PY
