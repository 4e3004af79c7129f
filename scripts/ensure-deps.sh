#!/usr/bin/env bash
# Installs what the workspace needs on a fresh clone: pnpm 10 (pnpm 11 needs Node 22) and the locked packages.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=10.34.9

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "Node.js 20 or newer is required (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version | cut -d. -f1)" != "10" ]; then
  echo "installing pnpm@$PNPM_VERSION" >&2
  npm install --global --silent "pnpm@$PNPM_VERSION" >&2
fi

pnpm install --frozen-lockfile --reporter=append-only >&2
