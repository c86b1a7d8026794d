"""The Benettin loop of bench_benettin.cpp in numpy (Debian's python3-numpy): W ~ N(0, 1/n), Y = W Q,
Q, R = qr(Y), sum log|diag R|. The loop is timed REPS times (default 3) and the fastest run is reported, as in
bench_benettin. Usage: python3 benettin_numpy.py N STEPS [REPS]; prints seconds per step."""
import sys, time
import numpy as np

n, steps = int(sys.argv[1]), int(sys.argv[2])
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 3
scale = 1.0 / np.sqrt(n)
secs = None
for _ in range(reps):
    rng = np.random.default_rng(2026)
    q = np.eye(n)
    acc = np.zeros(n)
    t0 = time.perf_counter()
    for _ in range(steps):
        w = rng.standard_normal((n, n)) * scale
        q, r = np.linalg.qr(w @ q)
        acc += np.log(np.abs(np.diag(r)))
    t = time.perf_counter() - t0
    secs = t if secs is None else min(secs, t)
print(f"n {n}\nsteps {steps}\nseconds_per_step {secs / steps:.6g}\ngamma_1 {acc[0] / steps:.6f}")
