"""Independent oracle for paper 001 (mpmath, 80 digits): solves Eq. (9) of Theorem 3.3 by its own bisection
(the constant C in plain multiprecision, no cancellation tricks, at 80 digits), for every root item of a
certificate of S1-T3.3 / S1-C3.4, and checks that sigma_i = exp(u) (or w* d - exp(v) for Eq. (8)) lies inside
the enclosure flowcert certified. Usage: paper001_oracle.py CERT.json ..."""
import json
import sys

from mpmath import mp, mpf, exp, log

mp.dps = 80


def sigma_i(ws, n, sb, L, m, aL):
    d = n * sb
    al = aL ** (mpf(1) / L)
    a = mpf(2 - L) / L
    C = (al / m) ** (2 - L) * ((m + d - 1) ** (2 - L) - (m - 1) ** (2 - L))
    f2 = lambda x: (ws * d - (n - 1) * x) ** a - x ** a - C  # increasing in x on (0, ws d/(n-1))
    lo, hi = log(mpf("1e-320")), log(ws * d / (n - 1))
    for _ in range(600):
        mid = (lo + hi) / 2
        if f2(exp(mid)) > 0:
            hi = mid
        else:
            lo = mid
    return exp((lo + hi) / 2)


def scalar(v):
    return mpf(v) if isinstance(v, str) else mpf(v)


checked = 0
for path in sys.argv[1:]:
    cert = json.load(open(path))
    for item in cert["items"]:
        if item.get("kind") != "root":
            continue
        inp = {k: scalar(v) for k, v in item["inputs"].items()}
        # The settings that the check's definitions fix (the reference sets select them by index).
        defs = item["definitions"]
        sel = int(inp.get("set", 0))
        pick = lambda name, default: inp[name] if name in inp else default
        ws, sb, m, L = pick("ws", mpf(1)), pick("sb", mpf(1)), pick("m", mpf(10)), int(pick("L", 3))
        n = pick("n", None)
        aL = pick("aL", None)
        if n is None:
            n = [10, 3, 2][sel]
        if aL is None:
            aL = [mpf("1e-3"), mpf("1e-2"), mpf("1e-3")][sel] if "sir" in defs or "s1r" in defs else [mpf("1e-1"), mpf("1e-5"), mpf("1e-10"), mpf("1e-20")][sel]
        si = sigma_i(ws, int(n), int(sb), L, m, aL)
        lo, hi = mpf(item["enclosure"]["lo"]), mpf(item["enclosure"]["hi"])
        var = item["variable"]
        value = log(si) if var == "u" else log((int(n) - 1) * si)  # v = log(w* d - sigma_1) = log((n-1) sigma_i)
        if not (lo <= value <= hi):
            print(f"FAIL {path}: {item['check']} at {item['point']}: oracle {mp.nstr(value, 40)} not in [{lo}, {hi}]")
            sys.exit(1)
        checked += 1
if checked == 0:
    print("FAIL: no root items checked")
    sys.exit(1)
print(f"ok: {checked} certified root enclosures contain the mpmath oracle's roots")
