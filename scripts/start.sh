#!/usr/bin/env bash
# The embedded stack on a fresh clone: install, then start every subgraph and the gateway in one process on PGlite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
exec pnpm start
