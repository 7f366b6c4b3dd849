#!/usr/bin/env bash
# Starts or stops Debian's janus, the reference implementation our node is compared with, on loopback with its own
# ports and only the echotest plugin and the HTTP and WebSocket transports (API and admin API).
#
#   janus-reference.sh start DIR HTTP_PORT WS_PORT ADMIN_HTTP_PORT ADMIN_WS_PORT [key=value ...]
#   janus-reference.sh stop DIR
#
# DIR receives the configuration, the log (janus.log) and the pid file (janus.pid). Extra arguments go into the
# general section of janus.jcfg, e.g. api_secret=s3cret token_auth=true session_timeout=5 admin_secret=x; a key
# written nat.KEY or media.KEY goes into that section instead, e.g. nat.ice_enforce_list=10.99.0.1 (replacing the
# default "lo") or media.rtp_port_range=20000-20100. Values true, false and integers are written bare, others quoted.
# Exit status: 0 once every port listens; 1 on failure (the log's tail is printed); 2 if janus is not installed.
set -euo pipefail

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR ..." >&2; exit 1; }

if [ "$cmd" = stop ]; then
  if [ -f "$dir/janus.pid" ]; then
    pid=$(cat "$dir/janus.pid")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$dir/janus.pid"
  fi
  exit 0
fi

[ "$cmd" = start ] || { echo "unknown command $cmd" >&2; exit 1; }
command -v janus >/dev/null || { echo "janus is not installed (apt-get install janus)" >&2; exit 2; }
http=$3; ws=$4; admin_http=$5; admin_ws=$6
shift 6
mkdir -p "$dir"
libdir=$(dirname "$(dpkg -L janus 2>/dev/null | grep '/janus/plugins/libjanus_echotest.so$' | head -n 1)")/..
[ -d "$libdir/plugins" ] || libdir=/usr/lib/x86_64-linux-gnu/janus

extra=""
nat=""
media=""
for kv in "$@"; do
  key=${kv%%=*}; value=${kv#*=}
  if [[ "$value" =~ ^(true|false|-?[0-9]+)$ ]]; then line="$key = $value"; else line="$key = \"$value\""; fi
  case "$key" in
    nat.*) nat+=" ${line#nat.}" ;;
    media.*) media+=" ${line#media.}" ;;
    *.*) echo "unknown section in $key (general keys have no prefix; nat.KEY and media.KEY are known)" >&2; exit 1 ;;
    *) extra+="	$line"$'\n' ;;
  esac
done
# Janus skips interfaces flagged loopback when it gathers ICE candidates, so "lo" means none: enough for signalling
# tests. Media tests pass nat.ice_enforce_list naming an interface or address that carries real candidates.
[[ "$nat" == *" ice_enforce_list = "* ]] || nat=" ice_enforce_list = \"lo\"$nat"

disable_plugins=$(cd "$libdir/plugins" && ls libjanus_*.so | grep -v '^libjanus_echotest.so$' | paste -sd, -)
disable_transports=$(cd "$libdir/transports" && ls libjanus_*.so | grep -v -e '^libjanus_http.so$' -e '^libjanus_websockets.so$' | paste -sd, -)

cat > "$dir/janus.jcfg" <<CFG
general: {
	configs_folder = "$dir"
	plugins_folder = "$libdir/plugins"
	transports_folder = "$libdir/transports"
	events_folder = "$libdir/events"
	loggers_folder = "$libdir/loggers"
	debug_level = 4
	debug_timestamps = true
	log_to_stdout = false
	log_to_file = "$dir/janus.log"
$extra}
certificates: { }
media: {$media }
nat: {$nat }
plugins: { disable = "$disable_plugins" }
transports: { disable = "$disable_transports" }
loggers: { disable = "libjanus_jsonlog.so" }
events: { }
CFG
cat > "$dir/janus.transport.http.jcfg" <<CFG
general: { json = "compact" base_path = "/janus" http = true port = $http ip = "127.0.0.1" https = false }
admin: { admin_base_path = "/admin" admin_http = true admin_port = $admin_http admin_ip = "127.0.0.1" admin_https = false }
cors: { }
CFG
cat > "$dir/janus.transport.websockets.jcfg" <<CFG
general: { json = "compact" ws = true ws_port = $ws ws_ip = "127.0.0.1" wss = false }
admin: { admin_ws = true admin_ws_port = $admin_ws admin_ws_ip = "127.0.0.1" admin_wss = false }
CFG
cat > "$dir/janus.plugin.echotest.jcfg" <<CFG
general: { events = false }
CFG

janus --config="$dir/janus.jcfg" --configs-folder="$dir" >"$dir/janus.stdout" 2>&1 &
pid=$!
echo "$pid" > "$dir/janus.pid"
for _ in $(seq 100); do
  up=0
  for p in "$http" "$ws" "$admin_http" "$admin_ws"; do
    ss -ltn "sport = :$p" | grep -q LISTEN && up=$((up + 1))
  done
  [ "$up" -eq 4 ] && { echo "$pid"; exit 0; }
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
echo "janus did not start; last lines of its log:" >&2
tail -n 20 "$dir/janus.log" "$dir/janus.stdout" >&2 2>/dev/null || true
kill -KILL "$pid" 2>/dev/null || true
exit 1
