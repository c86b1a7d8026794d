"""Problem P1 with mpmath's odefun (the peer of bench_ode_p1): paper 000's reduced ODE, appendix Psi, K = 8,
a(0) = [1, 1, 1, 1.25, 0.01, 0.01, 0.01], T = 10. Usage: python3 p1_mpmath.py DIGITS. Prints a_1(10), seconds."""
import sys
import time

from mpmath import mp, mpf, exp, odefun

digits = int(sys.argv[1]) if len(sys.argv) > 1 else 50
mp.dps = digits + 8
K = 8
H = [[1]]
while len(H) < K:
    H = [r + r for r in H] + [r + [-v for v in r] for r in H]
PSI = [[1 - H[i][j] for j in range(1, K)] for i in range(1, K)]
n = K - 1


def field(t, a):
    x = [sum(PSI[i][j] * a[j] for j in range(n)) for i in range(n)]
    e = [exp(-v) for v in x]
    b = [sum(PSI[i][j] * e[j] for j in range(n)) for i in range(n)]
    D = 1 + sum(e)
    return [a[i] * b[i] / D for i in range(n)]


a0 = [mpf(1), mpf(1), mpf(1), mpf("1.25"), mpf("0.01"), mpf("0.01"), mpf("0.01")]
t0 = time.time()
sol = odefun(field, 0, a0)
a10 = sol(10)
secs = time.time() - t0
print(f"a_1(10) = {mp.nstr(a10[0], digits)}")
print(f"seconds {secs:.2f}")
