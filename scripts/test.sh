#!/usr/bin/env bash
# Sets up everything the tests need (first run only), runs the static checks (the import layers
# contract, ruff, mypy) and then the whole test suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
echo "== lint-imports (the layers contract in pyproject.toml)"
.venv/bin/lint-imports --no-cache
echo "== ruff"
.venv/bin/ruff check campaignsite tests bench build.py
echo "== mypy"
.venv/bin/mypy
echo "== pytest"
exec .venv/bin/python -m pytest "$@"
