#!/usr/bin/env bash
# The whole test suite on a fresh clone: install, type-check, then jest against real PostgreSQL
# (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; tests create and drop their own databases).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh

export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if ! node -e '
  const { Client } = require("./packages/testing/node_modules/pg");
  const c = new Client({ connectionString: process.env.TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
  c.connect().then(() => c.end()).catch((e) => { console.error(e.message); process.exit(1); });
'; then
  echo "PostgreSQL is not reachable at $TEST_DATABASE_URL: start it, or point TEST_DATABASE_URL at one" >&2
  exit 1
fi

started=$(date +%s)
echo "== type check"
pnpm typecheck
echo "== supergraph is composed and current"
pnpm --silent compose --check
echo "== jest"
pnpm exec jest "$@"
echo "test suite took $(( $(date +%s) - started )) s"
