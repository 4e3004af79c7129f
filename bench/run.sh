#!/usr/bin/env bash
# Benchmarks: bash bench/run.sh [sql|gateway|events|embedded|limits|privacy|geo|trainers|soak ...] (no argument: every part but soak). Needs
# PostgreSQL (TEST_DATABASE_URL). The gateway, events, privacy, geo, trainers and soak parts need a Kafka broker (the subgraphs publish
# and consume their events through it): one is started when KAFKA_BROKERS is unset (BENCH_KAFKA_PORT, default
# 19392). Writes bench/results/latest.{json,md}.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
needs_kafka() {
  [ $# -eq 0 ] && return 0
  for part in "$@"; do case "$part" in gateway|events|soak|privacy|geo|trainers) return 0 ;; esac; done
  return 1
}
if [ -z "${KAFKA_BROKERS:-}" ] && needs_kafka "$@"; then
  export KAFKA_PORT="${BENCH_KAFKA_PORT:-19392}" KAFKA_CONTROLLER_PORT="${BENCH_KAFKA_CONTROLLER_PORT:-19393}"
  eval "export $(bash infra/kafka/kafka.sh start)"
  # The gateway part reads the broker's CPU from /proc: it is part of what a write costs.
  export BENCH_KAFKA_PID_FILE="${KAFKA_DATA_DIR:-/tmp/psa-kafka-$KAFKA_PORT}/kafka.pid"
  trap 'bash infra/kafka/kafka.sh stop >/dev/null 2>&1 || true' EXIT
fi
node --import tsx bench/src/index.ts "$@"
