#!/bin/sh
# Language-server latency on the official rules chain (see LatencyBench.java).
# Usage: lsp-server/bench/latency.sh [RULES_DIR] [debounceMs] [iterations]
set -e
cd "$(dirname "$0")/../.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
if [ ! -f cli/target/falcoc.jar ] || [ ! -f lsp-server/target/test-classes/dev/falcoc/lsp/LatencyBench.class ]; then
  mvn -B -q -o -pl lsp-server,cli -am package -DskipTests

fi
exec "$JAVA_HOME/bin/java" -cp cli/target/falcoc.jar:lsp-server/target/test-classes dev.falcoc.lsp.LatencyBench "${1:-../shared/rules}" "${2:-0}" "${3:-200}"
