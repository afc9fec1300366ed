#!/usr/bin/env bash
# Create .venv with a Python >= 3.12, install ParkCarbon (editable, with dev extras) and compile translations.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python() {
  local c
  for c in "${PARKCARBON_PYTHON:-}" python3.13 python3.12 python3; do
    [ -n "$c" ] && command -v "$c" >/dev/null 2>&1 && ok "$(command -v "$c")" && return 0
  done
  # pyenv installs (not on PATH by default)
  for c in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3 /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9]; do
    [ -x "$c" ] && ok "$c" && return 0
  done
  return 1
}
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null && PY="$1"; }

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)'; then
  if ! find_python; then
    echo "ParkCarbon needs Python 3.12 or newer (Django 6). None was found on PATH or under pyenv." >&2
    echo "Install one (e.g. 'pyenv install 3.12' or your system's python3.12 package) or set PARKCARBON_PYTHON." >&2
    exit 1
  fi
  echo "Using $PY ($("$PY" --version))"
  rm -rf .venv
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
.venv/bin/parkcarbon compiletranslations
