#!/usr/bin/env bash
# Builds the node if needed and runs it. Without arguments it runs on embedded defaults: Janus API on
# 127.0.0.1:8088 (HTTP, /janus) and 127.0.0.1:8188 (WebSocket), admin API on 7088/7188, status on 1122.
# Arguments go to the node, e.g. ./run-node.sh --config-dir /etc/webfon or ./run-node.sh --help
set -euo pipefail
cd "$(dirname "$0")"
jar=gateway-core/target/webfon-gateway.jar
if [ ! -f "$jar" ] || [ -n "$(find . -path ./node_modules -prune -o -name '*.java' -newer "$jar" -print -quit 2>/dev/null)" ]; then
  mvn -B -q -DskipTests -Dcheckstyle.skip package -pl gateway-core -am
fi
exec deploy/bin/webfon-gateway "$@"
