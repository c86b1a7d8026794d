#!/usr/bin/env bash
# Certifies paper 000's counterexample claims with flowcert and checks every enclosure against the
# independent mpmath oracle. Usage: run_oracle.sh FLOWCERT PAPER
set -eu
FC=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$FC" certify S0-T4.2b --paper "$2" --out "$T/t42b.json" >/dev/null
"$FC" certify S0-B4-lift --paper "$2" --out "$T/b4.json" >/dev/null
/usr/bin/python3 "$(dirname "$0")/paper000_oracle.py" "$T/t42b.json" "$T/b4.json"
