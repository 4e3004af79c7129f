#!/usr/bin/env bash
# Runs every test of the suite alone (jest -t with its full name, one jest run each), to prove no test depends
# on what another left behind. Slow (one stack start per test): run it when tests are added or reordered, not
# in every CI run. Needs what scripts/test.sh needs (PostgreSQL, KAFKA_BROKERS or a broker it starts).
#   bash scripts/check-test-isolation.sh [path-pattern]   # e.g. tests/e2e/federation
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
if [ -z "${KAFKA_BROKERS:-}" ]; then
  export KAFKA_PORT="${TEST_KAFKA_PORT:-19192}" KAFKA_CONTROLLER_PORT="${TEST_KAFKA_CONTROLLER_PORT:-19193}"
  eval "export $(bash infra/kafka/kafka.sh start)"
  trap 'bash infra/kafka/kafka.sh stop >/dev/null 2>&1 || true' EXIT
fi
node scripts/build.mjs
mapfile -t files < <(pnpm exec jest --listTests ${1:-} | sort)
failed=0; total=0
for file in "${files[@]}"; do
  names=$(mktemp)
  pnpm exec jest "$file" --json --outputFile="$names" >/dev/null 2>&1 || true
  while IFS= read -r name; do
    total=$((total + 1))
    pattern=$(node -e 'console.log("^" + process.argv[1].replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "$")' "$name")
    if pnpm exec jest "$file" -t "$pattern" >/dev/null 2>&1; then
      echo "ok    ${file#$PWD/} :: $name"
    else
      failed=$((failed + 1)); echo "FAIL  ${file#$PWD/} :: $name"
    fi
  done < <(node -e 'for (const r of JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8")).testResults) for (const a of r.assertionResults) console.log(a.fullName)' "$names")
  rm -f "$names"
done
echo "$((total - failed)) of $total tests pass alone"
[ "$failed" -eq 0 ]
