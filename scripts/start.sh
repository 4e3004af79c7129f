#!/usr/bin/env bash
# Starts the embedded stack (no argument), the stack as separate processes (services), or one service as its
# own process (gateway, core, licensure, ...). Installs on a fresh clone, bundles what changed
# (scripts/build.mjs), then replaces this shell with node: the PID this command leaves is the service's own,
# so SIGINT or SIGTERM to it stops everything in order.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-embedded}"
bash scripts/ensure-deps.sh
if [ "$target" = services ]; then node scripts/build.mjs; else node scripts/build.mjs "$target"; fi
exec node ".build/$target.js"
