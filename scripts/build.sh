#!/usr/bin/env bash
# Installs missing Debian packages, then configures and builds flowcert into build/ (binary: build/flowcert).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
