#!/usr/bin/env bash
# Installs the node on this machine: user webfon, /opt/webfon (jar, launchers, docs), /etc/webfon (configuration,
# kept if present), /var/log/webfon, the systemd units, the logrotate files and the sysctl UDP buffer limits. Run from a source tree after
# `mvn -B -DskipTests package`, as root. PREFIX, CONF_DIR and SYSTEMD_DIR can be overridden (e.g. for packaging).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
PREFIX=${PREFIX:-/opt/webfon}
CONF_DIR=${CONF_DIR:-/etc/webfon}
LOG_DIR=${LOG_DIR:-/var/log/webfon}
SYSTEMD_DIR=${SYSTEMD_DIR:-/etc/systemd/system}
LOGROTATE_DIR=${LOGROTATE_DIR:-/etc/logrotate.d}
SYSCTL_DIR=${SYSCTL_DIR:-/etc/sysctl.d}
jar="$src/gateway-core/target/webfon-gateway.jar"
[ -f "$jar" ] || { echo "install: build first: mvn -B -DskipTests package" >&2; exit 1; }

if ! id webfon >/dev/null 2>&1; then
  useradd --system --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin webfon
fi
install -d -m 0755 "$PREFIX/bin" "$PREFIX/lib" "$PREFIX/docs"
install -m 0644 "$jar" "$PREFIX/lib/webfon-gateway.jar"
install -m 0755 "$src/deploy/bin/webfon-gateway" "$PREFIX/bin/webfon-gateway"
install -m 0755 "$src/deploy/bin/webfon-sercen" "$PREFIX/bin/webfon-sercen"
cp -r "$src/docs/." "$PREFIX/docs/"
# The configuration holds secrets: readable by root and the webfon group only.
install -d -m 0750 -o root -g webfon "$CONF_DIR"
if [ ! -f "$CONF_DIR/gateway.jcfg" ]; then
  install -m 0640 -o root -g webfon "$src/deploy/conf/gateway.jcfg" "$CONF_DIR/gateway.jcfg"
fi
# sercen-auth's configuration (admin secret, LDAP and SMTP passwords): the same care.
if [ ! -f "$CONF_DIR/sercen.jcfg" ]; then
  install -m 0640 -o root -g webfon "$src/deploy/conf/sercen.jcfg" "$CONF_DIR/sercen.jcfg"
fi
install -d -m 0750 -o webfon -g webfon "$LOG_DIR"
# fail2ban refuses a jail whose log file does not exist yet: create it before the node first writes to it.
[ -f "$LOG_DIR/gateway.log" ] || install -m 0640 -o webfon -g webfon /dev/null "$LOG_DIR/gateway.log"
[ -f "$LOG_DIR/sercen.log" ] || install -m 0640 -o webfon -g webfon /dev/null "$LOG_DIR/sercen.log"
install -m 0644 "$src/deploy/systemd/webfon-gateway.service" "$SYSTEMD_DIR/webfon-gateway.service"
install -m 0644 "$src/deploy/logrotate/webfon-gateway" "$LOGROTATE_DIR/webfon-gateway"
# sercen-auth runs embedded in the node (sercen.mode = embedded); this unit is for running it as its own process.
install -m 0644 "$src/deploy/systemd/webfon-sercen.service" "$SYSTEMD_DIR/webfon-sercen.service"
install -m 0644 "$src/deploy/logrotate/webfon-sercen" "$LOGROTATE_DIR/webfon-sercen"
# UDP buffers big enough for the shared media socket; applied now when possible, and at every boot.
install -m 0644 "$src/deploy/sysctl/90-webfon-gateway.conf" "$SYSCTL_DIR/90-webfon-gateway.conf"
sysctl -q -p "$SYSCTL_DIR/90-webfon-gateway.conf" 2>/dev/null || echo "install: apply $SYSCTL_DIR/90-webfon-gateway.conf with sysctl (not possible here)"
"$PREFIX/bin/webfon-gateway" check-config --config-dir "$CONF_DIR"
echo "Installed. Start with: systemctl daemon-reload && systemctl enable --now webfon-gateway"
