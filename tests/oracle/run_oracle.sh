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
  *) echo "no oracle for paper $2" >&2; exit 2 ;;
esac
