#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine: system packages, then a virtual
# environment in .venv with the Python packages. With --test it also installs what the tests
# need (Chromium, CJK fonts, Java, and the checking tools from npm into .tools).
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

apt_packages=(python3 python3-venv python3-pip)
if [ "$want_test" = 1 ]; then
  apt_packages+=(chromium fonts-noto-cjk default-jre-headless nodejs npm)
fi

missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
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

if [ "$want_test" = 1 ] && [ -f tools/package.json ]; then
  mkdir -p .tools
  cp tools/package.json .tools/package.json
  (cd .tools && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi
