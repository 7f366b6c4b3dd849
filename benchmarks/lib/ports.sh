# Sourced by the benchmark scripts: free TCP ports for the targets, and waiting for a target to listen.

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
