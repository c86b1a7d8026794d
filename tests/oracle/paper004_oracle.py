"""Independent oracle for paper 004 (mpmath at 50 digits, numpy's LAPACK QR and its own random numbers).

A. Closed forms. The oracle evaluates, with its own code, the exact exponents of Remark 5.4 / Lemma C.5,
       gamma_i = ln(sqrt(2) sigma) + sum_{t=r}^n B(t) psi((t-i+1)/2) / (2 sum_{t=r}^n B(t)),
   Newman's p = 1 case and d_i = 1/2 sum_{k<=i} [psi((n-k+1)/2) - psi(k/2)] (S4-N1), for the catalogue's seven
   Monte-Carlo parameter sets and its two n = 128 cases. It first checks itself against the catalogue's 25-digit
   and exact values, then asks flowcert (the paper's own definitions gam, newman, dd, appended as claims to a
   copy of the claims file) to certify |flowcert - oracle| < 1e-40 by interval arithmetic at 60 digits, and,
   as a control, to refute the same inequality with the oracle's value moved by 1e-30.
B. Monte Carlo. For S4-R5.4 (flowcert's JSON), the oracle matches every point to a catalogue set by its
   predicted values (to 1e-13); to these it adds one set of its own, n = 40, p = 9/10, r = 24 (24 exponents,
   so flowcert takes its Q-free path for k > n/2, which no catalogue set reaches), run by flowcert as an
   appended claim. It runs its own Benettin iteration (numpy: the full n x n matrix D W with zeroed rows,
   batched LAPACK QR, numpy's PCG64 generator, gates conditioned on rank >= r by rejection), and requires
   flowcert's estimate and its own to agree: |z| below the Bonferroni bound at alpha = 1e-3 over all tests
   (both comparisons of every exponent), with z = (fc - np) / sqrt(se_fc^2 + se_np^2). Its own estimates
   must also agree with the closed form.
Usage: paper004_oracle.py FLOWCERT CLAIMS.toml R54.json WORKDIR"""
import json
import subprocess
import sys
from fractions import Fraction

import numpy as np
from mpmath import mp, mpf, digamma, log, sqrt, binomial, euler, erfinv

mp.dps = 50

# The catalogue's Monte-Carlo sets (claims-004.md, S4-R5.4 table): n, p, r, sigma (as exact text).
SETS = [(4, "1/2", 2, "1"), (4, "1/2", 3, "1"), (6, "3/10", 2, "7/10"), (8, "1/2", 4, "1/sqrt(8)"),
        (5, "4/5", 3, "2"), (16, "1/2", 4, "1/4"), (3, "1", 3, "1")]


def num(text):
    """An exact fraction or 1/sqrt(m) as an mpf."""
    if text.startswith("1/sqrt("):
        return 1 / sqrt(mpf(text[len("1/sqrt("):-1]))
    f = Fraction(text)
    return mpf(f.numerator) / f.denominator


def gamma_exact(n, p, r, sigma, i):
    ts = range(r, n + 1)
    w = [binomial(n, t) * p**t * (1 - p)**(n - t) for t in ts]
    return log(sqrt(2) * sigma) + sum(wt * digamma(mpf(t - i + 1) / 2) for wt, t in zip(w, ts)) / (2 * sum(w))


def d_exact(n, i):
    return sum(digamma(mpf(n - k + 1) / 2) - digamma(mpf(k) / 2) for k in range(1, i + 1)) / 2


failures = []


def require(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL " + what)


# --- A. the oracle against the catalogue, then flowcert against the oracle -----------------------------------
half, one = mpf(1) / 2, mpf(1)
require(abs(gamma_exact(128, one, 1, 1 / sqrt(mpf(128)), 1) - mpf("-0.003916422277717845552010793")) < mpf("1e-26"),
        "oracle vs catalogue: gamma_1, n = 128, p = 1")
require(abs(gamma_exact(128, half, 1, 1 / sqrt(mpf(128)), 1) - mpf("-0.356466791218633259316733")) < mpf("1e-23"),
        "oracle vs catalogue: gamma_1, n = 128, p = 1/2, r = 1")
require(abs(gamma_exact(4, half, 2, one, 1) - (mpf(9) / 22 + mpf(3) / 22 * log(2) - euler / 2)) < mpf("1e-45"),
        "oracle vs catalogue: gamma_1 (4, 1/2, 2, 1) = 9/22 + (3/22) ln 2 - gamma_E/2")
require(abs(gamma_exact(4, half, 2, one, 2) - (mpf(1) / 11 - mpf(3) / 22 * log(2) - euler / 2)) < mpf("1e-45"),
        "oracle vs catalogue: gamma_2 (4, 1/2, 2, 1) = 1/11 - (3/22) ln 2 - gamma_E/2")
require(abs(gamma_exact(2, one, 2, one, 1) - (log(2) / 2 - euler / 2)) < mpf("1e-45"),
        "oracle vs catalogue: gamma_1 (2, 1, 2, 1) = ln 2/2 - gamma_E/2")
require(abs(d_exact(128, 1) - mpf("3.057280132412829822420174")) < mpf("1e-24"), "oracle vs catalogue: d_1(128)")
require(abs(d_exact(128, 2) - mpf("5.417460576841140880732655")) < mpf("1e-24"), "oracle vs catalogue: d_2(128)")

flowcert, claims_path, r54_path, work = sys.argv[1:5]
cases = []  # (claim id, defs, formula, oracle value)
for s, (n, p, r, sg) in enumerate(SETS):
    defs = {"n": str(n), "p": p, "r": str(r), "sigma": sg}
    for i in range(1, r + 1):
        cases.append((f"O-gamma-set{s}-i{i}", defs, f"gam({i})", gamma_exact(n, num(p), r, num(sg), i)))
    cases.append((f"O-d-set{s}", defs, f"dd({min(2, n - 1)})", d_exact(n, min(2, n - 1))))
for label, p in (("p1", "1"), ("phalf", "1/2")):
    defs = {"n": "128", "p": p, "r": "1", "sigma": "1/sqrt(128)"}
    cases.append((f"O-gamma-n128-{label}", defs, "gam(1)", gamma_exact(128, num(p), 1, 1 / sqrt(mpf(128)), 1)))
newman_defs = {"n": "128", "p": "1", "r": "128", "sigma": "1/sqrt(128)"}
cases.append(("O-newman-n128-i64", newman_defs, "newman(64)", gamma_exact(128, one, 128, 1 / sqrt(mpf(128)), 64)))
cases.append(("O-d-n128-i64", newman_defs, "dd(64)", d_exact(128, 64)))

lines = []
for cid, defs, formula, value in cases:
    d = ", ".join(f'{k} = "{v}"' for k, v in defs.items())
    for suffix, shift, expect in (("", mpf(0), "verified"), ("-off", mpf("1e-30"), "refuted")):
        v = mp.nstr(value + shift, 48, strip_zeros=False)
        lines += ["", "[[claim]]", f'id = "{cid}{suffix}"', 'where = "oracle"',
                  f'statement = "{formula} equals the mpmath oracle{" moved by 1e-30" if suffix else ""}"',
                  f'expect = "{expect}"', f"defs = {{ {d} }}", "  [[claim.check]]", '  name = "to 1e-40"',
                  '  kind = "inequality"', f'  holds = "abs({formula} - ({v})) < 1e-40"']
# B's own set, for flowcert's Q-free Benettin path (k = r = 24 > n/2 = 20).
OWN = (40, "9/10", 24, "1")
CHAINS, DEPTH = 100, 200
lines += ["", "[[claim]]", 'id = "O-mc-qfree"', 'where = "oracle"', 'statement = "Benettin MC at n = 40, p = 9/10, r = 24"',
          'expect = "consistent"', f'defs = {{ n = "{OWN[0]}", p = "{OWN[1]}", r = "{OWN[2]}", sigma = "{OWN[3]}", ii = "range(1, r)" }}',
          "  [[claim.check]]", '  name = "gamma_1..gamma_24"', '  kind = "montecarlo"',
          f'  montecarlo = {{ estimator = "lyapunov", chains = {CHAINS}, depth = {DEPTH} }}', '  predict = "gam(ii)"', '  indices = "ii"']
text = open(claims_path).read() + "\n# --- appended by paper004_oracle.py ---" + "\n".join(lines) + "\n"
mine = f"{work}/oracle004.toml"
open(mine, "w").write(text)
ids = [c[0] + s for c in cases for s in ("", "-off")] + ["O-mc-qfree"]
cmd = [flowcert, "verify", "--claims", mine, "--precision", "60", "--json", f"{work}/oracle004.json"]
for cid in ids:
    cmd += ["--claim", cid]
run = subprocess.run(cmd, capture_output=True, text=True)
require(run.returncode == 0, f"flowcert verify on the oracle's claims exited {run.returncode}: {run.stderr.strip()[-400:]}")
mine_json = json.load(open(f"{work}/oracle004.json")) if run.returncode in (0, 1) else {"claims": []}
got = {c["id"]: c["verdict"] for c in mine_json["claims"]}
for cid in ids:
    want = "consistent" if cid == "O-mc-qfree" else "refuted" if cid.endswith("-off") else "verified"
    require(got.get(cid) == want, f"{cid}: flowcert says {got.get(cid)}, the oracle expects {want}")
print(f"A: {len(cases)} closed-form values agree with flowcert to 1e-40 (certified), and each moved by 1e-30 is refuted")

# --- B. flowcert's Monte Carlo against the oracle's own ---------------------------------------------------
entries = json.load(open(r54_path))["claims"][0]["evidence"]["checks"][0]["evidence"]["entries"]
points = {}
for e in entries:
    points.setdefault(e["point"], []).append(e)
matched = {}
for point, es in points.items():
    hit = [s for s, (n, p, r, sg) in enumerate(SETS)
           if len(es) == r and all(abs(e["predict"] - float(gamma_exact(n, num(p), r, num(sg), e["entry"]))) < 1e-13 for e in es)]
    require(len(hit) == 1, f"S4-R5.4 point {point}: matches catalogue sets {hit}")
    if len(hit) == 1:
        matched[hit[0]] = es
require(sorted(matched) == list(range(len(SETS))), f"S4-R5.4 covers catalogue sets {sorted(matched)}, want all 7")
# (parameters, flowcert's entries, chains, depth) for every set the oracle re-runs.
runs = [(SETS[s], es, 400, 1000) for s, es in sorted(matched.items())]
own = [c for c in mine_json["claims"] if c["id"] == "O-mc-qfree"]
require(len(own) == 1, "flowcert ran the oracle's own Monte-Carlo set")
if own:
    own_entries = own[0]["evidence"]["checks"][0]["evidence"]["entries"]
    require(len(own_entries) == OWN[2], f"the oracle's own set has {len(own_entries)} entries, want {OWN[2]}")
    runs.append((OWN, own_entries, CHAINS, DEPTH))

rng = np.random.default_rng(20041)
tests = 2 * sum(len(es) for _, es, _, _ in runs)  # flowcert vs oracle and oracle vs closed form, per exponent
bound = float(sqrt(2) * erfinv(1 - mpf("1e-3") / tests))  # two-sided Bonferroni at alpha = 1e-3
worst_fc, worst_exact = 0.0, 0.0
for (n, p, r, sg), es, chains, depth in runs:
    pf, sgf = float(num(p)), float(num(sg))
    q = np.tile(np.eye(n)[:, :r], (chains, 1, 1))
    acc = np.zeros((chains, r))
    for _ in range(depth):
        mask = rng.random((chains, n)) < pf
        bad = mask.sum(axis=1) < r
        while bad.any():  # condition each gate on rank >= r by rejection
            mask[bad] = rng.random((int(bad.sum()), n)) < pf
            bad = mask.sum(axis=1) < r
        m = sgf * rng.standard_normal((chains, n, n)) * mask[:, :, None]
        q, rr = np.linalg.qr(m @ q)
        acc += np.log(np.abs(np.diagonal(rr, axis1=1, axis2=2)))
    per_chain = acc / depth
    mean, se = per_chain.mean(axis=0), per_chain.std(axis=0, ddof=1) / np.sqrt(chains)
    for e in es:
        i = e["entry"]
        z = (e["estimate"] - mean[i - 1]) / np.hypot(e["se"], se[i - 1])
        ze = (mean[i - 1] - float(gamma_exact(n, num(p), r, num(sg), i))) / se[i - 1]
        worst_fc, worst_exact = max(worst_fc, abs(z)), max(worst_exact, abs(ze))
        require(abs(z) < bound, f"set {(n, p, r, sg)} gamma_{i}: flowcert {e['estimate']:.6f} +- {e['se']:.1e} vs oracle "
                                f"{mean[i - 1]:.6f} +- {se[i - 1]:.1e}: z = {z:.2f} (bound {bound:.2f})")
        require(abs(ze) < bound, f"set {(n, p, r, sg)} gamma_{i}: oracle MC vs closed form z = {ze:.2f}")
print(f"B: {tests // 2} exponents over {len(runs)} sets: max |z| flowcert vs oracle MC {worst_fc:.2f}, oracle MC vs closed "
      f"form {worst_exact:.2f} (Bonferroni bound {bound:.2f})")
if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("ok")
