#!/usr/bin/env bash
# sercen-auth's JMH benchmarks: the token check on the Janus request path (cache hit: checks/s on every core, p50/p99
# on one thread) and logins/s with local Argon2id users and with LDAP users (Debian's slapd, started by the
# benchmark). Prints one table with the machine's core count (docs/performance.md keeps the figures).
#   benchmarks/run-auth.sh            # ~2 min
#   QUICK=1 benchmarks/run-auth.sh    # ~1 min, shorter iterations
# REBUILD=1 rebuilds the jar first. Needs slapd for the LDAP figure (scripts/install-test-deps.sh).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
jar=$repo/benchmarks/target/webfon-benchmarks.jar
if [ ! -f "$jar" ] || [ "${REBUILD:-0}" = 1 ]; then
  (cd "$repo" && mvn -B -q -DskipTests package -pl benchmarks -am)
fi
exec java -cp "$jar" io.webfon.bench.auth.AuthBenchmarks ${QUICK:+--quick}
