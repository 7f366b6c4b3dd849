#!/usr/bin/env bash
# The whole test suite: unit tests (surefire) and integration tests with real peers (failsafe), after making sure
# the peers are installed. Extra arguments go to Maven, e.g. ./run-tests.sh -Dit.test=SmokeIT
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-test-deps.sh
exec mvn -B verify "$@"
