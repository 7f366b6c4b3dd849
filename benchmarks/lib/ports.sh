# Sourced by the benchmark scripts: free TCP ports for the targets, waiting for a target to listen, and stopping it.

# A free TCP port: random in 30000-59999, not in use in any state, not already handed out by this script.
taken=" "
free_port() {
  local p
  while :; do
    p=$((30000 + RANDOM % 30000))
    case "$taken" in *" $p "*) continue ;; esac
    if [ -z "$(ss -Htan "sport = :$p" 2>/dev/null)" ]; then taken+="$p "; echo "$p"; return; fi
  done
}

wait_listening() { # port pid seconds
  for _ in $(seq $(($3 * 10))); do
    ss -Hltn "sport = :$1" | grep -q . && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

stop_pid() { # pid: asks it to stop (TERM), waits up to 10 s, then kills it; nothing if it is gone or empty
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null || return 0
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
}
