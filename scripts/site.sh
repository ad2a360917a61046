#!/usr/bin/env bash
# Sets up (first run only) and builds the default campaign site into output/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python build.py build "$@"
echo "Preview it with: .venv/bin/python build.py serve   (then open http://127.0.0.1:8000/)"
