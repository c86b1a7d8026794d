#!/usr/bin/env bash
# Set up, build, and run every test (unit, CLI, oracle, and the claims suites) with CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --tests
bash scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)" "$@"
