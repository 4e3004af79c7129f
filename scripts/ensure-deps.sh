#!/usr/bin/env bash
# Installs what the workspace needs on a fresh clone: pnpm 10 (pnpm 11 needs Node 22) and the locked packages.
# A second run with nothing changed returns at once: the install is skipped while the lockfile and every
# package.json are the ones it was made from (a stamp in node_modules/).
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=10.34.9
STAMP=node_modules/.psa-install-stamp

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "Node.js 20 or newer is required (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

manifests_hash() {
  { cat pnpm-lock.yaml pnpm-workspace.yaml
    find . -path ./node_modules -prune -o -path '*/node_modules' -prune -o -path ./.build -prune -o -name package.json -print | sort | xargs cat
  } | sha1sum | cut -d' ' -f1
}

wanted=$(manifests_hash)
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$wanted" ]; then
  exit 0
fi

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version | cut -d. -f1)" != "10" ]; then
  echo "installing pnpm@$PNPM_VERSION" >&2
  npm install --global --silent "pnpm@$PNPM_VERSION" >&2
fi

pnpm install --frozen-lockfile --reporter=append-only >&2
echo "$wanted" > "$STAMP"
