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
  [ss]=iproute2            # also ip: the browser test's private network namespace for janus
  [unshare]=util-linux
  [chromium]=chromium      # the browser test (driven by playwright-core, which never downloads a browser)
  [curl]=curl
  [slapd]=slapd            # sercen-auth's LDAP tests: a real OpenLDAP (slapadd comes with it)
  [ldapsearch]=ldap-utils  # to look into the test directory by hand, as conexion_ldap.sh did
  [oathtool]=oathtool      # an independent TOTP implementation (RFC 6238)
  [openssl]=openssl        # test CAs and certificates for LDAPS/StartTLS and SMTPS/STARTTLS
  [turnserver]=coturn      # the TURN server of the relay-candidate tests (started on loopback by the test)
)

missing=()
for cmd in "${!NEEDED[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || [ -x "/usr/sbin/$cmd" ] || missing+=("${NEEDED[$cmd]}")
done
# The SMTP server receiving sercen-auth's PIN mails is a Python module of Debian's python3 (not a command).
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)

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
for dir in gateway-it/src/test/node gateway-it/src/test/browser; do
  if [ -f "$dir/package-lock.json" ]; then
    if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
      echo "install-test-deps: npm ci in $dir"
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    fi
  fi
done
