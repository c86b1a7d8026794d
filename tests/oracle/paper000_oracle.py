"""Independent oracle for paper 000 (mpmath, 100 digits): recomputes the certified quantities of S0-T4.2b
and S0-B4-lift from the paper's definitions, with its own Sylvester recursion, and checks that each value
lies inside the enclosure flowcert wrote into its certificates. Usage: paper000_oracle.py CERT.json ..."""
import json
import sys

from mpmath import mp, mpf, exp, log, fabs

mp.dps = 100


def sylvester(K):
    H = [[1]]
    while len(H) < K:
        H = [row + row for row in H] + [row + [-v for v in row] for row in H]
    return H


def psi(K):
    H = sylvester(K)
    return [[1 - H[i][j] for j in range(1, K)] for i in range(1, K)]


def reduced(K, a):
    P = psi(K)
    n = K - 1
    x = [sum(P[i][j] * a[j] for j in range(n)) for i in range(n)]
    e = [exp(-xi) for xi in x]
    b = [sum(P[i][j] * e[j] for j in range(n)) for i in range(n)]
    D = 1 + sum(e)
    s = sum(a)
    ahat = [ai / s for ai in a]
    bbar = sum(ahat[i] * b[i] for i in range(n))
    dMdt = sum(ahat[i] ** 2 * (b[i] - bbar) for i in range(n)) / D  # Eq. (13)
    M = sum((h - mpf(1) / n) ** 2 for h in ahat) / 2  # Eq. (7)
    DKL = -log(n) - sum(log(h) for h in ahat) / n
    return dMdt, M, DKL


VSTAR = [mpf(1), mpf(1), mpf(1), mpf("1.25"), mpf("0.01"), mpf("0.01"), mpf("0.01")]


def item_value(claim, item):
    """lhs - rhs of a certificate item, computed by the oracle from the check's meaning."""
    name = item["check"]
    inputs = item["inputs"]
    if claim == "S0-T4.2b":
        dMdt, M, DKL = reduced(8, VSTAR)
        return {
            "dM/dt > 0": dMdt,
            "printed value 7.3e-4 (2 digits)": fabs(dMdt - mpf("7.3e-4")) - mpf("0.05e-4"),
            "catalogue value to 24 digits": fabs(dMdt - mpf("7.330787094099465774260474e-4")) - mpf("1e-27"),
            "M at v* to its 16 printed digits": fabs(M - mpf("0.05311287323908514")) - mpf("0.5e-17"),
            "D_KL at v* to its 16 printed digits": fabs(DKL - mpf("1.449809575774116")) - mpf("0.5e-15"),
        }[name]
    if claim == "S0-B4-lift":
        K = int(inputs["K"])
        if name == "[v*, 0] for K = 16, 32, 64":
            return reduced(K, VSTAR + [mpf(0)] * (K - 8))[0]
        if name == "[v*, 0]: the K = 8 value exactly":
            return fabs(reduced(K, VSTAR + [mpf(0)] * (K - 8))[0] - reduced(8, VSTAR)[0]) - mpf("1e-60")
        if name.startswith("[v*, eps 1]"):
            eps = mpf(inputs["eps"])
            return reduced(K, VSTAR + [eps] * (K - 8))[0]
    raise KeyError(f"oracle does not know {claim} / {name}")


def main(paths):
    failures = checked = 0
    for path in paths:
        cert = json.load(open(path))
        claim = cert["claim"]["id"]
        for item in cert["items"]:
            v = item_value(claim, item)
            lo = mpf(item["enclosure_of_lhs_minus_rhs"]["lo"])
            hi = mpf(item["enclosure_of_lhs_minus_rhs"]["hi"])
            inside = lo <= v <= hi
            checked += 1
            failures += not inside
            print(f"{'ok  ' if inside else 'FAIL'} {claim} / {item['check']} / {item['point']}: "
                  f"oracle {mp.nstr(v, 25)} in [{mp.nstr(lo, 25)}, {mp.nstr(hi, 25)}]")
    print(f"{checked - failures} passed, {failures} failed")
    return 1 if failures or not checked else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
