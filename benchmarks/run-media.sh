#!/usr/bin/env bash
# Media benchmark, our node against Debian's janus, one after the other on the same machine: N synthetic WebRTC
# peers (rtp-engine's client stack: ICE, DTLS, SRTP) against janus.plugin.echotest, each sending 50 packets/s of
# 160-byte audio and timing the echoes. Per N: loss, round trip (and what the server adds to the tool's own UDP
# echo), the server's CPU per stream, setups (DTLS handshakes) per second. Prints one side-by-side table with the
# issue's targets marked PASS/FAIL and writes it (Markdown + JSON, raw figures and logs) under benchmarks/results/.
#
#   benchmarks/run-media.sh                          # defaults below, about 8 min
#   N=100 DURATION=10 benchmarks/run-media.sh
#   ONLY=ours benchmarks/run-media.sh
#
# Settings (environment):
#   N                    peers per run (default 100,250,500)
#   WARMUP, DURATION     seconds of media before the window (5) and of the measured window (20)
#   CONTROL              flows through the tool's own UDP echo during the window, on the same client threads: the
#                        loopback baseline the "added" round trip is taken from (50)
#   PRIME                peers of an unreported short run first, so the JIT has compiled the setup and packet
#                        paths of a JVM target (100; 0: none)
#   SETUP                actpass (default): a browser's offer; both servers answer active and run the DTLS client,
#                        the tool's peers the DTLS server. active: the tool is the DTLS client (Janus drops a
#                        ClientHello that beats its own ICE completion and then waits for the 1 s retransmission)
#   IO_THREADS           client I/O threads, each a selector over its share of the peers' channels (2)
#   CONNECT_CONCURRENCY  peers being set up at a time (25)
#   ONLY=ours|janus, REBUILD=1 to rebuild the jars, CLIENT_JAVA_OPTS for the load tool's JVM
#   OURS_ARGS            more settings for our node, e.g. "--nat.ice_lite=true" (recorded in run.properties)
# Our node runs with the launcher's shipped JVM options (deploy/bin/webfon-gateway; WEBFON_JAVA_OPTS overrides them
# as in production) and ICE on 127.0.0.1. Janus 1.1.2 gathers no candidate on a loopback-only interface: it runs,
# with the tool, in a private network namespace (unshare --net, root needed) with a veth wf0 of 10.99.0.1, as
# gateway-it's reference echotest does. The machine is shared: the CPU other processes used during each window is
# in the table ("others"); rerun when it is high.
set -euo pipefail

repo=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
JANUS_ADDRESS=10.99.0.1
# Janus takes one UDP port per PeerConnection, our node one per ICE address: both ranges hold far more than 500.
JANUS_RTP_PORT_RANGE=20000-29999

# ---- Inside the private network namespace (re-executed by run_janus): janus and the tool, then out ----
if [ "${1:-}" = --inside-netns ]; then
  run=$2
  janus_dir=$run/janus
  ip link set lo up
  ip link add wf0 type veth peer name wf1
  ip link set wf1 up
  ip addr add "$JANUS_ADDRESS/24" dev wf0
  ip link set wf0 up
  # A fresh namespace: every port is free.
  http=8088; ws=8188; admin=7088; admin_ws=7188
  trap '"$repo/tools/reference-janus/janus-reference.sh" stop "$janus_dir" || true' EXIT
  rc=0
  out=$("$repo/tools/reference-janus/janus-reference.sh" start "$janus_dir" "$http" "$ws" "$admin" "$admin_ws" \
    "nat.ice_enforce_list=$JANUS_ADDRESS" "media.rtp_port_range=$JANUS_RTP_PORT_RANGE") || rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "$out"
    echo "janus_status=failed to start" >> "$run/run.properties"
    exit 0
  fi
  pid=$(echo "$out" | tail -n 1)
  {
    echo "janus_status=ok"
    echo "janus_version=$(dpkg-query -W -f='${Version}' janus 2>/dev/null || echo unknown)"
    echo "janus_rtp_port_range=$JANUS_RTP_PORT_RANGE"
    echo "janus_ice=$JANUS_ADDRESS (private network namespace)"
  } >> "$run/run.properties"
  echo "== janus (pid $pid, ws $ws in a private network namespace, ICE on $JANUS_ADDRESS)"
  sleep 2
  # shellcheck disable=SC2086
  java ${CLIENT_JAVA_OPTS} -cp "$BENCH_JAR" io.webfon.bench.media.MediaLoad run --target janus \
    --url "ws://127.0.0.1:$ws/" --pid "$pid" --peers "$PEERS" --bind "$JANUS_ADDRESS" --setup "$SETUP" \
    --io-threads "$IO_THREADS" --connect-concurrency "$CONNECT_CONCURRENCY" --warmup "$WARMUP" \
    --duration "$DURATION" --control "$CONTROL" --prime "$PRIME" --admin-url "http://127.0.0.1:$admin/admin" \
    --out-dir "$run" || echo "janus_tool_status=failed ($?)" >> "$run/run.properties"
  exit 0
fi

export PEERS=${N:-100,250,500}
export WARMUP=${WARMUP:-5}
export DURATION=${DURATION:-20}
export CONTROL=${CONTROL:-50}
export PRIME=${PRIME:-100}
export SETUP=${SETUP:-actpass}
export IO_THREADS=${IO_THREADS:-2}
export CONNECT_CONCURRENCY=${CONNECT_CONCURRENCY:-25}
ONLY=${ONLY:-}
# The tool shares the two cores with the target: the serial collector keeps it cheap, and a large young
# generation makes its (short) pauses rare: a collection every half minute or so, which would show in its RTTs.
export CLIENT_JAVA_OPTS=${CLIENT_JAVA_OPTS:-"-XX:+UseSerialGC -Xms640m -Xmx640m -Xmn512m -XX:+ExitOnOutOfMemoryError"}

gateway_jar=$repo/gateway-core/target/webfon-gateway.jar
bench_jar=$repo/benchmarks/target/webfon-benchmarks.jar
if [ "${REBUILD:-0}" = 1 ] || [ ! -f "$gateway_jar" ] || [ ! -f "$bench_jar" ]; then
  echo "Building the node and the load tool..."
  (cd "$repo" && mvn -q -B -DskipTests package -pl gateway-core,benchmarks -am)
fi

stamp=$(date +%Y%m%d-%H%M%S)
results=$repo/benchmarks/results
run=$results/media-run-$stamp
mkdir -p "$run"
# Both jars are copied for the run (a rebuild in the work tree during it must not change what is measured); the
# launcher runs the copy as an installed node (WEBFON_HOME/lib). The copies go at the end.
jars=$(mktemp -d /tmp/webfon-media-bench.XXXXXX)
mkdir -p "$jars/lib"
cp "$gateway_jar" "$jars/lib/webfon-gateway.jar"
cp "$bench_jar" "$jars/webfon-benchmarks.jar"
export BENCH_JAR=$jars/webfon-benchmarks.jar
# shellcheck disable=SC2086
tool() { java $CLIENT_JAVA_OPTS -cp "$BENCH_JAR" io.webfon.bench.media.MediaLoad "$@"; }

# shellcheck source=lib/ports.sh
source "$repo/benchmarks/lib/ports.sh"

# The targets log a few lines per PeerConnection: keep the counts that matter and the tail.
trim_log() { # file
  [ -f "$1" ] || return 0
  { echo "lines: $(wc -l < "$1"), errors/warnings: $(grep -c -E '\[(ERR|WARN|FATAL)\]' "$1" || true)"
    echo "--- PeerConnection end reasons (ours)"
    grep -o 'PeerConnection closed: .*' "$1" | sed -E 's/[0-9]+/N/g' | sort | uniq -c | sort -rn | head -n 20 || true
    echo "--- error and warning lines, by text"
    grep -E '\[(ERR|WARN|FATAL)\]' "$1" | sed -E 's/\x1b\[[0-9;]*m//g; s/^\[[^]]*\] //; s/[0-9]+/N/g' | sort \
      | uniq -c | sort -rn | head -n 30 || true
    echo "--- last 200 lines"; tail -n 200 "$1"; } > "$1.tail"
  rm -f "$1"
}

ours_pid=""
ours_status_port=""
cleanup() {
  stop_pid "$ours_pid"
  ours_pid=""
  trim_log "$run/ours.log"
  trim_log "$run/janus/janus.log"
}
finish() {
  cleanup
  rm -rf "$jars"
}
trap finish EXIT INT TERM

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
one=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$one" 'BEGIN { exit !(l > 1.0) }'; then
  echo "WARNING: the machine is busy before the benchmark (load $(loadavg) on $(nproc) cores): figures will be" \
    "noisy; see 'others' in the table, and rerun later if it is high" >&2
fi

{
  echo "stamp=$stamp"
  echo "host=$(hostname)"
  echo "cpus=$(nproc)"
  echo "cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "peers=$PEERS"
  echo "warmup=$WARMUP"
  echo "duration=$DURATION"
  echo "control=$CONTROL"
  echo "prime=$PRIME"
  echo "setup=$SETUP"
  echo "io_threads=$IO_THREADS"
  echo "connect_concurrency=$CONNECT_CONCURRENCY"
  echo "java_version=$(java -version 2>&1 | head -n 1)"
  echo "ours_version=$(java -jar "$jars/lib/webfon-gateway.jar" --version 2>/dev/null | awk '{print $2}')"
  echo "ours_jar_built=$(date -u -r "$gateway_jar" +%Y-%m-%dT%H:%M:%SZ)"
  if command -v git >/dev/null && git -C "$repo" rev-parse --git-dir >/dev/null 2>&1; then
    echo "ours_commit=$(git -C "$repo" describe --always --dirty=+dirty 2>/dev/null)"
  fi
  echo "loadavg_start=$(loadavg)"
} > "$run/run.properties"

status_text() { # port: the status port's report (it closes the connection after writing it)
  timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1 && cat <&3" 2>/dev/null || true
}

run_ours() {
  local http ws admin admin_ws base rtp_range
  http=$(free_port); ws=$(free_port); admin=$(free_port); admin_ws=$(free_port); ours_status_port=$(free_port)
  # One port per ICE address: a small range of our own, away from the tool's ephemeral ports (32768-60999).
  base=$((20000 + RANDOM % 90 * 100))
  rtp_range="$base-$((base + 99))"
  echo "== our node (ws $ws, status $ours_status_port, ICE on 127.0.0.1, media.rtp_port_range $rtp_range)"
  WEBFON_HOME=$jars "$repo/deploy/bin/webfon-gateway" --http.port="$http" --websockets.ws_port="$ws" \
    --admin.admin_port="$admin" --admin.admin_ws_port="$admin_ws" --status.port="$ours_status_port" --sercen.mode=off \
    --nat.ice_enforce_list=127.0.0.1 --media.rtp_port_range="$rtp_range" --general.state_dir="$jars/ours-state" \
    ${OURS_ARGS:-} > "$run/ours.log" 2>&1 &
  ours_pid=$!   # the launcher execs java: this is the JVM's pid
  wait_listening "$ours_status_port" "$ours_pid" 60 \
    || { echo "our node did not start:"; tail -n 20 "$run/ours.log"; exit 1; }
  {
    echo "ours_jvm_source=$([ -n "${WEBFON_JAVA_OPTS:-}" ] && echo "WEBFON_JAVA_OPTS override" || echo "shipped")"
    echo "ours_jvm_options=$(tr '\0' ' ' < "/proc/$ours_pid/cmdline" | sed 's/^[^ ]* //; s/ -jar .*//')"
    echo "ours_rtp_port_range=$rtp_range"
    echo "ours_args=${OURS_ARGS:-}"
  } >> "$run/run.properties"
  sleep 2
  tool run --target ours --url "ws://127.0.0.1:$ws/" --pid "$ours_pid" --peers "$PEERS" --bind 127.0.0.1 \
    --setup "$SETUP" --io-threads "$IO_THREADS" --connect-concurrency "$CONNECT_CONCURRENCY" --warmup "$WARMUP" \
    --duration "$DURATION" --control "$CONTROL" --prime "$PRIME" --admin-url "http://127.0.0.1:$admin/admin" \
    --out-dir "$run" || echo "ours_tool_status=failed ($?)" >> "$run/run.properties"
  status_text "$ours_status_port" > "$run/ours-status-end.txt"
  cleanup
}

run_janus() {
  if ! command -v janus >/dev/null; then
    echo "== janus not installed: only our node is measured"
    echo "janus_status=not installed" >> "$run/run.properties"
    return
  fi
  if ! unshare --net true 2>/dev/null; then
    echo "== cannot create a network namespace (root needed): janus not measured"
    echo "janus_status=no network namespace (root needed)" >> "$run/run.properties"
    return
  fi
  unshare --net bash "$0" --inside-netns "$run" || echo "janus_status=failed ($?)" >> "$run/run.properties"
  trim_log "$run/janus/janus.log"
}

# One target at a time: they never share the cores with each other, only with the tool.
[ "$ONLY" = janus ] || run_ours
[ "$ONLY" = ours ] || run_janus
[ "$ONLY" != ours ] || echo "janus_status=not run (ONLY=ours)" >> "$run/run.properties"

echo
tool report --dir "$run" --out-dir "$results"
