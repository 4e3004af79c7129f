#!/usr/bin/env bash
# The whole test suite on a fresh clone: install, type-check, then jest against real PostgreSQL
# (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; tests create and drop their own databases)
# a real Kafka broker (KAFKA_BROKERS; when unset, infra/kafka/kafka.sh runs one for the length of the run) and a
# real Redis (TEST_REDIS_URL, default redis://127.0.0.1:6379; each suite writes under a key prefix of its own).
# The browser tests drive Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium), installed here when missing.
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

export TEST_REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379}"
if ! node -e '
  const url = new URL(process.env.TEST_REDIS_URL);
  const socket = require("node:net").connect(Number(url.port || 6379), url.hostname);
  socket.setTimeout(5000, () => { console.error("no answer in 5 s"); process.exit(1); });
  socket.on("error", (e) => { console.error(e.message); process.exit(1); });
  socket.on("connect", () => socket.write("PING\r\n"));
  socket.on("data", (d) => { socket.end(); if (!/^\+PONG|^-NOAUTH/.test(d.toString())) { console.error(d.toString().trim()); process.exit(1); } });
'; then
  echo "Redis is not reachable at $TEST_REDIS_URL: start it (redis-server), or point TEST_REDIS_URL at one" >&2
  exit 1
fi

export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM_PATH" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing chromium for the browser tests (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
    [ -x "$CHROMIUM_PATH" ] || { echo "apt-get installed chromium, but $CHROMIUM_PATH is still missing: set CHROMIUM_PATH" >&2; exit 1; }
  else
    echo "Chromium is needed for the browser tests and $CHROMIUM_PATH is missing: install it (sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary" >&2
    exit 1
  fi
fi

if [ -z "${KAFKA_BROKERS:-}" ]; then
  # A port of its own, so a broker a developer keeps running on the default port is left alone.
  export KAFKA_PORT="${TEST_KAFKA_PORT:-19192}" KAFKA_CONTROLLER_PORT="${TEST_KAFKA_CONTROLLER_PORT:-19193}"
  echo "== starting a Kafka broker for the tests (infra/kafka/kafka.sh, port $KAFKA_PORT)"
  eval "export $(bash infra/kafka/kafka.sh start)"
  trap 'bash infra/kafka/kafka.sh stop >/dev/null 2>&1 || true' EXIT
fi
echo "using Kafka at $KAFKA_BROKERS"

started=$(date +%s)
echo "== type check"
pnpm typecheck
echo "== supergraph is composed and current"
pnpm --silent compose --check
echo "== generated resolver types are current"
pnpm --silent codegen --check
echo "== lint: eslint (TypeScript with types, the SDL), prettier, knip (unused dependencies)"
pnpm --silent lint
echo "== bundles (the start commands the tests run use them)"
node scripts/build.mjs
echo "== jest"
# Tests run in a random order (the seed is printed): none may depend on what another left behind.
# PGlite (the in-process tests) loads modules with import(), which jest runs only with this flag.
NODE_OPTIONS="--experimental-vm-modules ${NODE_OPTIONS:-}" pnpm exec jest --randomize "$@"
echo "test suite took $(( $(date +%s) - started )) s"
