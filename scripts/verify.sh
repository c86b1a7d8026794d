#!/usr/bin/env bash
# The main job: set up, build, and decide every claim of every paper (results in build/results.json,
# reproduced figures in build/figures/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
./build/flowcert verify --json build/results.json --figures build/figures "$@"
