#!/usr/bin/env bash
# Quick start: install, migrate an embedded SQLite database, load the demo park and serve on 127.0.0.1:8000
# (HOST and PORT choose another address, e.g. PORT=8040 bash scripts/demo.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
HOST="${HOST:-127.0.0.1}" PORT="${PORT:-8000}"
bash scripts/bootstrap.sh
export DEBUG="${DEBUG:-1}" DATABASE_URL="${DATABASE_URL:-sqlite:///$(pwd)/demo.sqlite3}"
# the address the demo prints and puts in the links of its e-mails (alerts, password resets)
export PARKCARBON_SITE_URL="${PARKCARBON_SITE_URL:-http://$HOST:$PORT}"
.venv/bin/parkcarbon migrate --noinput
.venv/bin/parkcarbon load_demo
# Background work (upload validation, report builds) runs in a task worker beside the web server.
.venv/bin/parkcarbon db_worker >demo-worker.log 2>&1 &
worker=$!
trap 'kill $worker 2>/dev/null' EXIT INT TERM
echo
echo "ParkCarbon is running at http://$HOST:$PORT/  (Ctrl+C to stop)"
.venv/bin/parkcarbon runserver "$HOST:$PORT"
