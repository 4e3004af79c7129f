#!/usr/bin/env bash
# Creates one database per subgraph (division), and the gateway's own, in the postgres container.
#
# docker-compose.yml mounts this file into /docker-entrypoint-initdb.d/, so the
# official postgres image runs it once, when the data volume is first
# initialised. Each subgraph then migrates its own schema (named after it)
# inside its database when it starts.
#
# The subgraphs' databases are listed from subgraphs/registry.json by `pnpm compose`
# (do not edit between the >>> and <<< lines); the gateway's is added here by hand.
# On an existing volume the init scripts do not run again; the script is
# idempotent, so apply it by hand:
#   docker compose exec postgres bash /docker-entrypoint-initdb.d/10-init-databases.sh
set -euo pipefail

DIVISION_DATABASES=(
  # >>> databases (written by pnpm compose from subgraphs/registry.json)
  core
  licensure
  healthcare
  training
  # <<< databases
  gateway
)

# During first initialisation the image exports PGPASSWORD; when run by hand
# with `docker compose exec`, the container's POSTGRES_PASSWORD is used.
export PGPASSWORD="${PGPASSWORD:-${POSTGRES_PASSWORD:-}}"
POSTGRES_USER="${POSTGRES_USER:-postgres}"

for name in "${DIVISION_DATABASES[@]}"; do
  if [[ ! "$name" =~ ^[a-z_][a-z0-9_]*$ ]]; then
    echo "init-databases: invalid database name '$name' (lower-case letters, digits, _)" >&2
    exit 1
  fi
  # CREATE DATABASE cannot run in a DO block or transaction; \gexec runs it only when missing.
  psql -v ON_ERROR_STOP=1 --no-psqlrc --no-password --username "$POSTGRES_USER" --dbname postgres --quiet <<SQL
SELECT 'CREATE DATABASE "$name" OWNER "$POSTGRES_USER"'
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$name')\gexec
SQL
  echo "init-databases: database '$name' is present"
done
