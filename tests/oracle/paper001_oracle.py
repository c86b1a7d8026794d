"""Independent oracle for paper 001 (mpmath, 80 digits): solves Eq. (9) of Theorem 3.3 by its own bisection
(the constant C in plain multiprecision, no cancellation tricks, at 80 digits), for every root item of a
certificate of S1-T3.3 / S1-C3.4, and checks that sigma_i = exp(u) (or w* d - exp(v) for Eq. (8)) lies inside
the enclosure flowcert certified, and that the enclosure of sigma is at most 1e-40 wide relative to sigma
(issue 5's bar at 160 bits). Usage: paper001_oracle.py CERT.json ..."""
import json
import re
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


def picked(defs, name, index):
    """A setting chosen by index from a definition 'el(vcat(...) or vec(...), set)': its numbers in order."""
    text = defs.get(name, "")
    if not text.startswith("el(") or not text.rstrip().endswith(", set)"):
        return None
    numbers = re.findall(r"(?<![A-Za-z_])[-+]?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?", text[: text.rindex(", set)")])
    return mpf(numbers[index])


checked = 0
widest = mpf(0)
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
        def setting(name, default):
            if name in inp:
                return inp[name]
            v = picked(defs, name, sel)
            return default if v is None else v
        ws, sb, m, L = setting("ws", mpf(1)), setting("sb", mpf(1)), setting("m", mpf(10)), int(setting("L", 3))
        n, aL = setting("n", None), setting("aL", None)
        if n is None or aL is None:
            print(f"FAIL {path}: {item['check']} at {item['point']}: cannot read n / alpha^L from the item")
            sys.exit(1)
        si = sigma_i(ws, int(n), int(sb), L, m, aL)
        lo, hi = mpf(item["enclosure"]["lo"]), mpf(item["enclosure"]["hi"])
        var = item["variable"]
        value = log(si) if var == "u" else log((int(n) - 1) * si)  # v = log(w* d - sigma_1) = log((n-1) sigma_i)
        if not (lo <= value <= hi):
            print(f"FAIL {path}: {item['check']} at {item['point']}: oracle {mp.nstr(value, 40)} not in [{lo}, {hi}]")
            sys.exit(1)
        # sigma = exp(u) (or w* d - exp(v)): the relative width of its enclosure.
        sig = si if var == "u" else ws * n * sb - (int(n) - 1) * si
        width = (exp(hi) - exp(lo)) / sig
        widest = max(widest, width)
        if width > mpf("1e-40"):
            print(f"FAIL {path}: {item['check']} at {item['point']}: sigma enclosed only to relative width {mp.nstr(width, 3)}")
            sys.exit(1)
        checked += 1
if checked == 0:
    print("FAIL: no root items checked")
    sys.exit(1)
print(f"ok: {checked} certified root enclosures contain the mpmath oracle's roots; sigma enclosed to relative width <= {mp.nstr(widest, 2)}")
