#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine: system packages, then a virtual
# environment in .venv with the Python packages, and Pagefind (the search indexer the build runs)
# from npm into .tools/pagefind. With --test it also installs what the tests need (Chromium, CJK
# fonts, Java, and the checking tools from npm into .tools).
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

missing=()
need_package() {  # need_package PACKAGE [COMMAND]: install PACKAGE unless it (or COMMAND) is already there
  if [ -n "${2:-}" ] && command -v "$2" >/dev/null 2>&1; then return; fi
  dpkg -s "$1" >/dev/null 2>&1 || missing+=("$1")
}
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || need_package python3-venv
need_package python3 python3
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)  # for Pagefind, and the checking tools
if [ "$want_test" = 1 ]; then
  need_package chromium /usr/bin/chromium
  need_package fonts-noto-cjk
  need_package default-jre-headless java
fi
if [ "${#missing[@]}" -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  echo "Installing system packages: ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=python3
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
requirements=requirements.txt
[ "$want_test" = 1 ] && requirements=requirements-test.txt
.venv/bin/python -m pip install -q --disable-pip-version-check -r "$requirements"

# Pagefind, at the exact version tools/pagefind/package.json names (its binary comes in an npm dependency)
if ! cmp -s tools/pagefind/package.json .tools/pagefind/package.json \
    || [ ! -x .tools/pagefind/node_modules/@pagefind/linux-x64/bin/pagefind_extended ]; then
  mkdir -p .tools/pagefind
  cp tools/pagefind/package.json .tools/pagefind/package.json
  (cd .tools/pagefind && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi

if [ "$want_test" = 1 ] && [ -f tools/package.json ]; then
  mkdir -p .tools
  cp tools/package.json .tools/package.json
  (cd .tools && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi
