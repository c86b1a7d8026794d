#!/usr/bin/env bash
# Certifies a paper's claims with flowcert and checks every certified enclosure against the independent
# mpmath oracle of that paper. Usage: run_oracle.sh FLOWCERT PAPER
set -eu
FC=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
case "$2" in
  000)
    "$FC" certify S0-T4.2b --paper 000 --out "$T/t42b.json" >/dev/null
    "$FC" certify S0-B4-lift --paper 000 --out "$T/b4.json" >/dev/null
    /usr/bin/python3 "$(dirname "$0")/paper000_oracle.py" "$T/t42b.json" "$T/b4.json" ;;
  001)
    "$FC" certify S1-T3.3 --paper 001 --out "$T/t33.json" >/dev/null
    "$FC" certify S1-C3.4 --paper 001 --out "$T/c34.json" >/dev/null
    /usr/bin/python3 "$(dirname "$0")/paper001_oracle.py" "$T/t33.json" "$T/c34.json" ;;
  004)
    O="$(dirname "$0")/paper004_oracle.py"
    CLAIMS="$(dirname "$0")/../../proofs/004-jacobian-spectra/claims.toml"
    "$FC" verify --paper 004 --claim S4-R5.4 --json "$T/r54.json" >"$T/r54.out" 2>&1 || { echo "FAIL: verify S4-R5.4"; cat "$T/r54.out"; exit 1; }
    /usr/bin/python3 "$O" "$FC" "$CLAIMS" "$T/r54.json" "$T"
    # The Monte-Carlo comparison must be able to fail: one estimate moved by 0.01 (about 10 SE) is caught.
    /usr/bin/python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
d["claims"][0]["evidence"]["checks"][0]["evidence"]["entries"][3]["estimate"] += 0.01
json.dump(d, open(sys.argv[2], "w"))' "$T/r54.json" "$T/r54-moved.json"
    if /usr/bin/python3 "$O" "$FC" "$CLAIMS" "$T/r54-moved.json" "$T" >"$T/moved.out"; then
      echo "FAIL: the oracle accepted a flowcert estimate moved by 0.01"; exit 1
    fi
    grep -q "z = " "$T/moved.out" || { echo "FAIL: the moved estimate was not reported by its z"; cat "$T/moved.out"; exit 1; }
    echo "ok: a flowcert estimate moved by 0.01 is rejected: $(grep -m1 'z = ' "$T/moved.out")" ;;
  *) echo "no oracle for paper $2" >&2; exit 2 ;;
esac
