#!/usr/bin/env bash
# The main job: set up, build, and decide every claim of every paper (results in build/results.json, the
# report in build/report/index.html with summary.md and the certificates, figures in build/figures/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
./build/flowcert verify --json build/results.json --figures build/figures --report build/report "$@"
