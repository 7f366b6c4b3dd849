#!/usr/bin/env bash
# Signalling benchmark, our node against Debian's janus, one after the other on the same machine:
# create -> attach -> message (ack + event) -> detach -> destroy cycles over WebSocket at each concurrency, CPU per
# cycle from /proc, then memory idle and with SESSIONS idle sessions. Prints one side-by-side table with the
# issue's targets marked PASS/FAIL and writes it (Markdown + JSON, raw figures and logs) under benchmarks/results/.
#
#   benchmarks/run-signalling.sh                      # defaults below
#   DURATION=20 WARMUP=5 CONCURRENCY=1,8 benchmarks/run-signalling.sh
#
# Settings (environment): PRIME (s, default 10: one unreported run at concurrency 8 first, so a JIT-compiled node is
# measured in its steady state), WARMUP (s, default 3, before each concurrency), DURATION (s, 10), CONCURRENCY (1,8,32), SESSIONS (10000),
# CONNECTIONS for the sessions (4), MEMORY_SETTLE (s idle before each memory reading, 32), REBUILD=1 to rebuild the jars, ONLY=ours|janus to run one target,
# CLIENT_JAVA_OPTS for the load client's JVM, OURS_ARGS for more settings of our node (e.g.
# "--general.debug_level=3", to see what its log lines cost). Our node runs with the launcher's shipped JVM options
# (deploy/bin/webfon-gateway; WEBFON_JAVA_OPTS, if set, overrides them as it does in production).
# SERCEN_MODE (default off): the reference Janus runs no login service, so ours runs without its embedded
# sercen-auth too; SERCEN_MODE=embedded measures the node as shipped (sercen-auth's own figures: docs/performance.md).
# The machine is shared: the load average before each run and the CPU other processes used during it are
# recorded; rerun when they are high.
set -euo pipefail

repo=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
PRIME=${PRIME:-10}
WARMUP=${WARMUP:-3}
DURATION=${DURATION:-10}
CONCURRENCY=${CONCURRENCY:-1,8,32}
SESSIONS=${SESSIONS:-10000}
CONNECTIONS=${CONNECTIONS:-4}
# Seconds the target sits idle before each memory reading: longer than the shipped collector's uncommit delay
# (Shenandoah gives empty heap back after 30 s), so "idle" is what an idle node holds, for either collector.
MEMORY_SETTLE=${MEMORY_SETTLE:-32}
ONLY=${ONLY:-}
# The client shares the cores with the target: a small serial-GC heap keeps it cheap and its pauses short.
CLIENT_JAVA_OPTS=${CLIENT_JAVA_OPTS:-"-XX:+UseSerialGC -Xms64m -Xmx256m -XX:+ExitOnOutOfMemoryError"}
# Sessions must outlive the memory probe, which sends no keepalives.
SESSION_TIMEOUT=600

gateway_jar=$repo/gateway-core/target/webfon-gateway.jar
bench_jar=$repo/benchmarks/target/webfon-benchmarks.jar
if [ "${REBUILD:-0}" = 1 ] || [ ! -f "$gateway_jar" ] || [ ! -f "$bench_jar" ]; then
  echo "Building the node and the load tool..."
  (cd "$repo" && mvn -q -B -DskipTests package -pl gateway-core,benchmarks -am)
fi

stamp=$(date +%Y%m%d-%H%M%S)
results=$repo/benchmarks/results
run=$results/run-$stamp
mkdir -p "$run"
# shellcheck disable=SC2086
tool() { java $CLIENT_JAVA_OPTS -jar "$bench_jar" "$@"; }

# shellcheck source=lib/ports.sh
source "$repo/benchmarks/lib/ports.sh"

ours_pid=""
janus_dir=$run/janus
janus_started=0
# The targets log a few lines per cycle (both at their default level): keep the tail and the count of error
# and warning lines, not hundreds of megabytes.
trim_log() { # file
  [ -f "$1" ] || return 0
  { echo "lines: $(wc -l < "$1"), errors/warnings: $(grep -c -E '\[(ERR|WARN|FATAL)\]' "$1" || true)"
    echo "--- last 200 lines"; tail -n 200 "$1"; } > "$1.tail"
  rm -f "$1"
}
cleanup() {
  stop_pid "$ours_pid"
  ours_pid=""
  trim_log "$run/ours.log"
  if [ "$janus_started" = 1 ]; then
    "$repo/tools/reference-janus/janus-reference.sh" stop "$janus_dir" || true
    janus_started=0
    trim_log "$janus_dir/janus.log"
  fi
}
trap cleanup EXIT INT TERM

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
# Before the first run only: later, the load average mostly remembers this script's own previous runs. During
# each run the tool measures the CPU that other processes used ("other processes CPU" in the table).
one=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$one" 'BEGIN { exit !(l > 1.0) }'; then
  echo "WARNING: the machine is busy before the benchmark (load $(loadavg) on $(nproc) cores): figures will be" \
    "noisy; see 'other processes CPU' in the table, and rerun later if it is high" >&2
fi

{
  echo "stamp=$stamp"
  echo "host=$(hostname)"
  echo "cpus=$(nproc)"
  echo "cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "prime=$PRIME"
  echo "warmup=$WARMUP"
  echo "duration=$DURATION"
  echo "concurrency=$CONCURRENCY"
  echo "sessions=$SESSIONS"
  echo "java_version=$(java -version 2>&1 | head -n 1)"
  echo "ours_version=$(java -jar "$gateway_jar" --version 2>/dev/null | awk '{print $2}')"
  # Which build was measured: the jar's time and the work tree's commit (read only; "+dirty" if edited).
  echo "ours_jar_built=$(date -u -r "$gateway_jar" +%Y-%m-%dT%H:%M:%SZ)"
  if command -v git >/dev/null && git -C "$repo" rev-parse --git-dir >/dev/null 2>&1; then
    echo "ours_commit=$(git -C "$repo" describe --always --dirty=+dirty 2>/dev/null)"
  fi
  echo "loadavg_start=$(loadavg)"
} > "$run/run.properties"

run_ours() {
  local http ws admin admin_ws status
  http=$(free_port); ws=$(free_port); admin=$(free_port); admin_ws=$(free_port); status=$(free_port)
  echo "== our node (ws $ws, status $status)"
  # shellcheck disable=SC2086
  "$repo/deploy/bin/webfon-gateway" --http.port="$http" --websockets.ws_port="$ws" --admin.admin_port="$admin" \
    --admin.admin_ws_port="$admin_ws" --status.port="$status" --general.session_timeout=$SESSION_TIMEOUT \
    --sercen.mode="${SERCEN_MODE:-off}" ${OURS_ARGS:-} > "$run/ours.log" 2>&1 &
  ours_pid=$!   # the launcher execs java: this is the JVM's pid
  wait_listening "$status" "$ours_pid" 60 || { echo "our node did not start:"; tail -n 20 "$run/ours.log"; exit 1; }
  # The JVM options the node really runs with, as the kernel saw them.
  echo "ours_jvm_source=$([ -n "${WEBFON_JAVA_OPTS:-}" ] && echo "WEBFON_JAVA_OPTS override" || echo "shipped")" \
    >> "$run/run.properties"
  echo "ours_jvm_options=$(tr '\0' ' ' < "/proc/$ours_pid/cmdline" | sed 's/^[^ ]* //; s/ -jar .*//')" \
    >> "$run/run.properties"
  sleep 2
  tool snapshot --target ours --pid "$ours_pid" --when start --status-port "$status" --gc --out-dir "$run"
  tool load --target ours --url "ws://127.0.0.1:$ws/" --pid "$ours_pid" --concurrency "$CONCURRENCY" \
    --prime "$PRIME" --warmup "$WARMUP" --duration "$DURATION" --out-dir "$run"
  tool memory --target ours --url "ws://127.0.0.1:$ws/" --pid "$ours_pid" --sessions "$SESSIONS" \
    --connections "$CONNECTIONS" --status-port "$status" --gc --admin-url "http://127.0.0.1:$admin/admin" \
    --settle "$MEMORY_SETTLE" --out-dir "$run"
  cleanup
}

run_janus() {
  local http ws admin admin_ws out rc=0 pid
  if ! command -v janus >/dev/null; then
    echo "== janus not installed: only our node is measured"
    echo "janus_status=not installed" >> "$run/run.properties"
    return
  fi
  http=$(free_port); ws=$(free_port); admin=$(free_port); admin_ws=$(free_port)
  echo "== janus (ws $ws)"
  out=$("$repo/tools/reference-janus/janus-reference.sh" start "$janus_dir" "$http" "$ws" "$admin" "$admin_ws" \
    session_timeout=$SESSION_TIMEOUT) || rc=$?
  if [ "$rc" -eq 2 ]; then
    echo "janus_status=not installed" >> "$run/run.properties"
    return
  elif [ "$rc" -ne 0 ]; then
    echo "$out"
    echo "janus_status=failed to start" >> "$run/run.properties"
    return
  fi
  janus_started=1
  pid=$(echo "$out" | tail -n 1)
  {
    echo "janus_status=ok"
    echo "janus_version=$(dpkg-query -W -f='${Version}' janus 2>/dev/null || echo unknown)"
  } >> "$run/run.properties"
  sleep 2
  tool snapshot --target janus --pid "$pid" --when start --out-dir "$run"
  tool load --target janus --url "ws://127.0.0.1:$ws/" --pid "$pid" --concurrency "$CONCURRENCY" \
    --prime "$PRIME" --warmup "$WARMUP" --duration "$DURATION" --out-dir "$run"
  tool memory --target janus --url "ws://127.0.0.1:$ws/" --pid "$pid" --sessions "$SESSIONS" \
    --connections "$CONNECTIONS" --admin-url "http://127.0.0.1:$admin/admin" --settle "$MEMORY_SETTLE" --out-dir "$run"
  cleanup
}

# One target at a time: they never share the cores with each other, only with the client.
[ "$ONLY" = janus ] || run_ours
[ "$ONLY" = ours ] || run_janus
[ "$ONLY" != ours ] || echo "janus_status=not run (ONLY=ours)" >> "$run/run.properties"

echo
tool report --dir "$run" --out-dir "$results"
