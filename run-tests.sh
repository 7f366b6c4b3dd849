#!/usr/bin/env bash
# The whole test suite: unit tests (surefire) and integration tests with real peers (failsafe), after making sure
# the peers are installed. Extra arguments go to Maven, e.g. ./run-tests.sh -Dit.test=SmokeIT
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-test-deps.sh
# Failsafe merges a run's results into the summary file an earlier run left (one per execution), so the failures
# of an earlier partial run (e.g. -Dit.test=...) would fail this one: start from none.
rm -f ./*/target/failsafe-reports/failsafe-summary*.xml
exec mvn -B verify "$@"
