#!/usr/bin/env bash
# Installs the Debian packages flowcert needs (only those missing). Debian's registry only; no other downloads.
# With --tests also what the tests need beyond the build (Chromium, to render the HTML report headless; numpy,
# for paper 004's independent Monte-Carlo oracle); with --bench the peers of the benchmarks (numpy, on one
# thread of OpenBLAS: libopenblas0-serial becomes the system's BLAS/LAPACK through Debian's alternatives).
set -euo pipefail
pkgs=(g++ cmake make pkg-config
      libboost-dev libboost-test-dev libeigen3-dev
      libginac-dev libcln-dev libmpfr-dev libmpfi-dev libgmp-dev
      libflint-arb-dev libflint-dev
      libtomlplusplus-dev nlohmann-json3-dev libcli11-dev libfmt-dev
      python3-mpmath)
if [ "${1:-}" = "--tests" ]; then pkgs+=(chromium python3-numpy); fi
if [ "${1:-}" = "--bench" ]; then pkgs+=(python3-numpy libopenblas0-serial); fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#pkgs[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
