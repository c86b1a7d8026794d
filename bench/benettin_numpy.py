"""The Benettin loop of bench_benettin.cpp in numpy (Debian's python3-numpy): W ~ N(0, 1/n), Y = W Q,
Q, R = qr(Y), sum log|diag R|. Usage: python3 benettin_numpy.py N STEPS; prints seconds per step."""
import sys, time
import numpy as np

n, steps = int(sys.argv[1]), int(sys.argv[2])
rng = np.random.default_rng(2026)
q = np.eye(n)
acc = np.zeros(n)
scale = 1.0 / np.sqrt(n)
t0 = time.perf_counter()
for _ in range(steps):
    w = rng.standard_normal((n, n)) * scale
    q, r = np.linalg.qr(w @ q)
    acc += np.log(np.abs(np.diag(r)))
secs = time.perf_counter() - t0
print(f"n {n}\nsteps {steps}\nseconds_per_step {secs / steps:.6g}\ngamma_1 {acc[0] / steps:.6f}")
