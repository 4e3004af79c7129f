#!/usr/bin/env bash
# Benchmarks: bash bench/run.sh [gateway|sql|events|embedded ...]. Needs PostgreSQL (TEST_DATABASE_URL) and starts a
# Kafka broker for the events part when KAFKA_BROKERS is unset. Writes bench/results/latest.{json,md}.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if [ -z "${KAFKA_BROKERS:-}" ] && { [ $# -eq 0 ] || [[ " $* " == *" events "* ]]; }; then
  export KAFKA_PORT="${BENCH_KAFKA_PORT:-19392}" KAFKA_CONTROLLER_PORT="${BENCH_KAFKA_CONTROLLER_PORT:-19393}"
  eval "export $(bash infra/kafka/kafka.sh start)"
  trap 'bash infra/kafka/kafka.sh stop >/dev/null 2>&1 || true' EXIT
fi
node --import tsx bench/src/index.ts "$@"
