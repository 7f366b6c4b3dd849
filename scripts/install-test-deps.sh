#!/usr/bin/env bash
# Installs what the integration tests need and a fresh Debian/Ubuntu machine lacks: the real peers the tests
# start (Debian packages) and the JavaScript clients (npm packages, pinned by package-lock.json). Idempotent and
# quick when everything is there. Needs root (or sudo) only when a Debian package is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# command -> Debian package providing it
declare -A NEEDED=(
  [janus]=janus            # the reference Janus for differential tests and benchmarks
  [node]=nodejs            # janode and other JavaScript clients
  [npm]=npm
  [fail2ban-regex]=fail2ban
  [ss]=iproute2
  [curl]=curl
)

missing=()
for cmd in "${!NEEDED[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${NEEDED[$cmd]}")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-test-deps: installing Debian packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-test-deps: need root or sudo to install ${missing[*]}" >&2; exit 1; }
    SUDO=sudo
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# JavaScript test clients, exactly as locked.
for dir in gateway-it/src/test/node; do
  if [ -f "$dir/package-lock.json" ]; then
    if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
      echo "install-test-deps: npm ci in $dir"
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    fi
  fi
done
