#!/usr/bin/env bash
# The browser echotest against Debian's janus, the reference, in a private network namespace of its own:
#
#   reference-janus-echotest.sh DIR [run-echotest.mjs arguments, e.g. --runs 3]
#
# Janus 1.1.2 skips interfaces flagged loopback when it gathers ICE candidates, so on 127.0.0.1 alone it offers
# none. The script re-executes itself under `unshare -n` (root needed): a fresh network namespace holding `lo` and
# a veth pair wf0/wf1, with 10.99.0.1/24 on wf0 (no kernel module beyond veth, which containers have; `dummy` is
# often missing). Janus gathers only 10.99.0.1 (nat.ice_enforce_list), Chromium sees the same address, and both
# run inside with the page server and the runner; signalling stays on 127.0.0.1 of the namespace. Nothing of it
# is visible outside, and no packet leaves it. The namespace ends with its last process: janus is stopped by its
# pid (trap on exit), the runner closes the browser itself, and whoever runs this script kills what is left of
# its process tree by pid if it has to stop it.
# With WEBFON_JAR=path/to/webfon-gateway.jar our node runs there instead of janus (same namespace, same address,
# so the two are timed on equal terms), with the settings of WEBFON_ARGS added (e.g. "--nat.ice_lite=true"); JANUS_ARGS
# adds janus settings the same way (e.g. "nat.ice_lite=true"); WEBFON_PCAP=FILE captures the run (tcpdump) and prints
# each run's timeline from it (capture-timeline.mjs: on the wire against in the page; the runner's output is kept in
# DIR/runner.out). DIR receives janus's configuration, log and pid file (or our node's log). Exit status: the
# runner's (0 ok, 1 failed, 2 timeout); 3 if the namespace or janus could not be set up.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../../.." && pwd)
ADDRESS=10.99.0.1

dir=${1:-}
[ -n "$dir" ] || { echo "usage: $0 DIR [run-echotest.mjs arguments]" >&2; exit 3; }
shift

if [ "${WEBFON_PRIVATE_NETNS:-}" != "$$" ]; then
  # `exec` keeps our pid, so the check above recognises the re-executed script as the one inside the namespace.
  export WEBFON_PRIVATE_NETNS=$$
  exec unshare --net bash "$0" "$dir" "$@"
fi

setup() {
  ip link set lo up
  ip link add wf0 type veth peer name wf1
  ip link set wf1 up
  ip addr add "$ADDRESS/24" dev wf0
  ip link set wf0 up
}
setup || { echo "could not set up the private network namespace" >&2; exit 3; }

# Free ports as anywhere else, though in a namespace of our own every port is free.
read -r http ws admin_http admin_ws < <(node -e '
  const net = require("node:net");
  const servers = [0, 1, 2, 3].map(() => net.createServer().listen(0, "127.0.0.1"));
  setTimeout(() => { console.log(servers.map((s) => s.address().port).join(" ")); servers.forEach((s) => s.close()); }, 100);
')

mkdir -p "$dir"
if [ -n "${WEBFON_JAR:-}" ]; then
  # Our node instead of janus, in the same namespace and on the same address: the fair side-by-side timing.
  # Through the shipped launcher, with its JVM options, as an installed node runs (WEBFON_HOME/lib).
  mkdir -p "$dir/home/lib"
  ln -sf "$(readlink -f "$WEBFON_JAR")" "$dir/home/lib/webfon-gateway.jar"
  WEBFON_HOME="$dir/home" "$repo/deploy/bin/webfon-gateway" --nat.ice_enforce_list=$ADDRESS --general.state_dir="$dir/state" --sercen.mode=off \
    --http.port="$http" --websockets.ws_port="$ws" --admin.admin_port="$admin_http" --admin.admin_ws_port="$admin_ws" \
    --status.port=0 --general.log_to_stdout=false --general.log_to_file="$dir/node.log" ${WEBFON_ARGS:-} &
  node_pid=$!
  trap 'kill -TERM "$node_pid" 2>/dev/null; wait "$node_pid" 2>/dev/null' EXIT
  for _ in $(seq 150); do ss -ltn | grep -q ":$ws " && break; sleep 0.1; done
  ss -ltn | grep -q ":$ws " || { echo "our node did not start in the private network namespace" >&2; exit 3; }
  # The node warms its media, signalling and transport paths up in the background after start (media.warm_up,
  # a few seconds); the runs time a node in service, as Janus's are, not one still compiling its code. The line
  # saying the warm-ups' garbage was collected comes after the last of them.
  for _ in $(seq 300); do
    grep -q "Warm-up garbage collected" "$dir/node.log" 2>/dev/null && break
    sleep 0.1
  done
  echo "our node $node_pid on ws://127.0.0.1:$ws and http://127.0.0.1:$http/janus, ICE on $ADDRESS" \
    "($(grep -o 'warmed up in [0-9]* ms' "$dir/node.log" | paste -sd, - || echo 'warm-up not finished'))"
else
  trap 'bash "$repo/tools/reference-janus/janus-reference.sh" stop "$dir"' EXIT
  if ! bash "$repo/tools/reference-janus/janus-reference.sh" start "$dir" "$http" "$ws" "$admin_http" "$admin_ws" \
      "nat.ice_enforce_list=$ADDRESS" ${JANUS_ARGS:-} >/dev/null; then
    echo "janus did not start in the private network namespace" >&2
    exit 3
  fi
  echo "janus $(cat "$dir/janus.pid") on ws://127.0.0.1:$ws and http://127.0.0.1:$http/janus, ICE on $ADDRESS"
fi

if [ -n "${WEBFON_PCAP:-}" ]; then
  # A packet capture of the whole run inside the namespace (signalling and media), for timing analysis.
  tcpdump -i any -s 1024 -w "$WEBFON_PCAP" >/dev/null 2>&1 &
  pcap_pid=$!
  sleep 0.5
fi
set +e
servers=(--server "ws://127.0.0.1:$ws" --server "http://127.0.0.1:$http/janus")
if [ -z "${pcap_pid:-}" ]; then
  node "$here/run-echotest.mjs" "${servers[@]}" "$@"
  exit $?
fi
node "$here/run-echotest.mjs" "${servers[@]}" "$@" | tee "$dir/runner.out"
status=${PIPESTATUS[0]}
kill -INT "$pcap_pid"
wait "$pcap_pid" 2>/dev/null
# Each run's page marks against the capture: what was on the wire when, and when the page saw it.
node "$here/capture-timeline.mjs" --summary "$dir/runner.out" --pcap "$WEBFON_PCAP"
exit "$status"
