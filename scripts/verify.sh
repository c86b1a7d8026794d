#!/usr/bin/env bash
# The main job: set up, build, and decide every claim of every paper (results also in build/results.json).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
./build/flowcert verify --json build/results.json "$@"
