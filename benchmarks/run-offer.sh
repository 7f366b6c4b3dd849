#!/usr/bin/env bash
# The offer's cost over HTTP long poll, our node against Debian's janus, one after the other: how long a browser's
# SDP offer (Chrome 156, 6 KB) takes to its `ack` and to the JSEP answer on the pending long poll, and the node's
# CPU per call (create, attach, offer, destroy). The same with a message without JSEP shows what the SDP adds.
# This is the node's share of the browser test's offer -> `webrtcup` over HTTP (docs/performance.md), measured
# without a browser competing for the two cores.
#
#   benchmarks/run-offer.sh                     # ~2 min: both targets, both modes, 300 measured calls each
#   CYCLES=1000 ONLY=ours benchmarks/run-offer.sh
#
# Settings (environment): CYCLES (300 measured calls per target and mode), PRIME (150 unreported calls first, so a
# JIT-compiled node is measured), MODES (offer,message), ROUNDS (2: the targets alternate, ours then janus, this
# many times), ONLY=ours|janus, OURS_ARGS (more settings for our node), REBUILD=1 to rebuild the jar. Our node runs
# through the shipped launcher with its JVM options (WEBFON_JAVA_OPTS overrides them, as in production).
# Both targets gather ICE candidates on one address of a private network namespace (Janus skips loopback
# interfaces), as in the browser test: the script re-executes itself under `unshare -n` (root), with a veth pair
# and 10.99.0.1; signalling stays on 127.0.0.1 inside. Prints a table and writes it to
# benchmarks/results/offer-<stamp>.md (git-ignored), with the targets' logs in benchmarks/results/offer-<stamp>/.
set -euo pipefail

repo=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
CYCLES=${CYCLES:-300}
PRIME=${PRIME:-150}
MODES=${MODES:-offer,message}
ROUNDS=${ROUNDS:-2}
ONLY=${ONLY:-}
ADDRESS=10.99.0.1

if [ "${WEBFON_OFFER_NETNS:-}" != "$$" ]; then
  # `exec` keeps our pid, so the check above recognises the re-executed script as the one inside the namespace.
  export WEBFON_OFFER_NETNS=$$
  exec unshare --net bash "$0" "$@"
fi
ip link set lo up
ip link add wf0 type veth peer name wf1
ip link set wf1 up
ip addr add "$ADDRESS/24" dev wf0
ip link set wf0 up

gateway_jar=$repo/gateway-core/target/webfon-gateway.jar
if [ "${REBUILD:-0}" = 1 ] || [ ! -f "$gateway_jar" ]; then
  echo "Building the node..."
  (cd "$repo" && mvn -q -B -DskipTests package -pl gateway-core -am)
fi
client=$repo/benchmarks/offer/offer-latency.mjs
stamp=$(date +%Y%m%d-%H%M%S)
run=$repo/benchmarks/results/offer-$stamp
mkdir -p "$run"
# shellcheck source=lib/ports.sh
source "$repo/benchmarks/lib/ports.sh"
ticks_per_second=$(getconf CLK_TCK)

ours_pid=""
janus_started=0
stop_targets() {
  stop_pid "$ours_pid"
  ours_pid=""
  if [ "$janus_started" = 1 ]; then
    "$repo/tools/reference-janus/janus-reference.sh" stop "$run/janus" >/dev/null 2>&1 || true
    janus_started=0
  fi
}
trap stop_targets EXIT INT TERM

start_ours() { # sets pid and base
  local http ws admin_http admin_ws
  http=$(free_port); ws=$(free_port); admin_http=$(free_port); admin_ws=$(free_port)
  mkdir -p "$run/ours/lib"
  ln -sf "$(readlink -f "$gateway_jar")" "$run/ours/lib/webfon-gateway.jar"
  # shellcheck disable=SC2086
  WEBFON_HOME="$run/ours" "$repo/deploy/bin/webfon-gateway" --nat.ice_enforce_list=$ADDRESS \
    --general.state_dir="$run/ours/state" --sercen.mode=off --http.port="$http" --websockets.ws_port="$ws" \
    --admin.admin_port="$admin_http" --admin.admin_ws_port="$admin_ws" --status.port=0 \
    --general.log_to_stdout=false --general.log_to_file="$run/ours/node.log" ${OURS_ARGS:-} > "$run/ours/stdout" 2>&1 &
  ours_pid=$!
  wait_listening "$http" "$ours_pid" 30 || { echo "our node did not start (see $run/ours)" >&2; exit 1; }
  # The node warms its paths up in the background after start; measure it in service, not while it compiles
  # (the line saying the warm-ups' garbage was collected comes after the last of them).
  for _ in $(seq 300); do
    grep -q "Warm-up garbage collected" "$run/ours/node.log" 2>/dev/null && break
    sleep 0.1
  done
  pid=$ours_pid
  base=http://127.0.0.1:$http/janus
}

start_janus() { # sets pid and base
  local http
  http=$(free_port)
  "$repo/tools/reference-janus/janus-reference.sh" start "$run/janus" "$http" "$(free_port)" "$(free_port)" \
    "$(free_port)" "nat.ice_enforce_list=$ADDRESS" >/dev/null || { echo "janus did not start" >&2; exit 1; }
  janus_started=1
  pid=$(cat "$run/janus/janus.pid")
  base=http://127.0.0.1:$http/janus
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

results=$run/results.jsonl
: > "$results"
measure() { # target round
  local target=$1 round=$2 mode a b line
  if [ "$target" = ours ]; then start_ours; else start_janus; fi
  for mode in ${MODES//,/ }; do
    node "$client" --base "$base" --cycles "$PRIME" --mode "$mode" > /dev/null
    a=$(cpu_ticks "$pid")
    line=$(node "$client" --base "$base" --cycles "$CYCLES" --mode "$mode")
    b=$(cpu_ticks "$pid")
    echo "$line" | node -e '
      const [target, round, ticks, hz, cycles] = process.argv.slice(1);
      const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
      r.target = target; r.round = Number(round); r.cpuMsPerCall = Number((ticks * 1000 / hz / cycles).toFixed(2));
      console.log(JSON.stringify(r));' "$target" "$round" "$((b - a))" "$ticks_per_second" "$CYCLES" >> "$results"
    echo "  $target round $round $mode: $(tail -n 1 "$results")"
  done
  stop_targets
}

targets="ours janus"
[ -n "$ONLY" ] && targets=$ONLY
if [ "$targets" != ours ] && ! command -v janus >/dev/null; then
  echo "== janus not installed: only our node is measured"
  targets=ours
fi
echo "offer benchmark: $CYCLES calls per target and mode after $PRIME unreported, $ROUNDS rounds, load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
  for target in $targets; do
    measure "$target" "$round"
  done
done

node -e '
  const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
  const out = ["| target | round | request | ack p50 / p90 ms | answer p50 / p90 / p99 ms | missing | node CPU ms per call |",
    "|---|---:|---|---|---|---:|---:|"];
  for (const r of rows) {
    out.push(`| ${r.target} | ${r.round} | ${r.mode === "offer" ? "message + Chrome offer" : "message, no JSEP"} | `
      + `${r.ackMs.p50} / ${r.ackMs.p90} | ${r.answerMs.p50} / ${r.answerMs.p90} / ${r.answerMs.p99} | ${r.missing} | ${r.cpuMsPerCall} |`);
  }
  console.log(out.join("\n"));' "$results" | tee "$run.md"
echo "(node CPU: utime + stime of the target process over the measured calls, each a create, attach, message and destroy)"
