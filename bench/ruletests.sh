#!/usr/bin/env bash
# Timing of the bundled rule-test suite, in process (issue 7: "well under a second in-process").
#   bench/ruletests.sh [RUNS]     (run from the project root after building cli/target/falcoc.jar)
# Prints the cold first run (class loading, JIT) and the median of warm runs, each a complete
# `falcoc test test-rules/` minus JVM start: load the rules, generate matchers, run every test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$ROOT"
"$JAVA_HOME/bin/java" -cp cli/target/falcoc.jar bench/RuleTestsTiming.java test-rules "${1:-30}"
echo "whole process (JVM start included):"
for _ in 1 2 3; do
  /usr/bin/time -f "  %e s wall, %M KB max RSS" ./falcoc test test-rules >/dev/null
done
