#!/usr/bin/env bash
# The whole test suite: lint, then pytest (unit, integration, role matrix, browser tests).
# DATABASE_URL selects the database (SQLite in memory by default).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
.venv/bin/ruff check src tests bench
exec .venv/bin/pytest "$@"
