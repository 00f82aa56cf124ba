#!/usr/bin/env bash
# Whole-process replay benchmark against Falco 0.42.1's anchors (../shared/bench/README.md).
#   bench/replay.sh [RUNS]        (run from the project root; default RUNS=5, best run kept)
# Builds psp500.scap and cg700.scap once with scap_inflate.py (in $BENCH_DIR, default
# /tmp/falcoc-bench), then for each rules set times `falcoc run` on empty.scap (start-up) and on
# each workload, JSON output to /dev/null, rule_matching first, and reports wall time, events/s
# (whole process and net of start-up) and peak RSS.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${FALCOC_SHARED:-$ROOT/../../shared}"
[ -d "$SHARED/bench" ] || SHARED=/work/shared
RUNS="${1:-5}"
DIR="${BENCH_DIR:-/tmp/falcoc-bench}"
mkdir -p "$DIR"
F="$ROOT/falcoc"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"

build() { # name source times
  [ -s "$DIR/$1.scap" ] || python3 "$SHARED/tools/scap_inflate.py" "$SHARED/traces/$2.scap" "$DIR/$1.scap" "$3" >"$DIR/$1.count"
}
build psp500 psp_run_as_user_0_container 500
build cg700 curl_google 700
declare -A EVENTS=([psp500]=1570005 [cg700]=850821)

cat >"$DIR/never.yaml" <<'EOF'
- rule: never
  desc: a rule that never matches
  condition: evt.type = open and proc.name = no-such-process-name
  output: "never %proc.name"
  priority: WARNING
EOF

# one timed run: prints "wall_seconds max_rss_kb cpu_seconds" (best of RUNS by wall time); CPU time
# (user+sys) is reported too because wall time on a shared 2-vCPU machine depends on its load
timed() {
  local best="" line t0 t1
  for _ in $(seq "$RUNS"); do
    t0=$(date +%s%N)
    /usr/bin/time -f "%M %U %S" -o "$DIR/rss" "$F" run --replay "$@" -o json_output=true -o rule_matching=first --no-summary >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    line="$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.4f", (b-a)/1e9}') $(tail -1 "$DIR/rss" | awk '{printf "%d %.2f", $1, $2+$3}')"
    if [ -z "$best" ] || awk -v a="${line%% *}" -v b="${best%% *}" 'BEGIN{exit !(a<b)}'; then best=$line; fi
  done
  echo "$best"
}

"$F" --version >/dev/null 2>&1 || true   # build the jar and the AOT cache first
"$F" run --replay "$SHARED/traces/empty.scap" -r "$DIR/never.yaml" >/dev/null 2>&1 || true

report() { # label rules...
  local label=$1; shift
  local rargs=() r
  for r in "$@"; do rargs+=(-r "$r"); done
  read -r s_wall s_rss s_cpu < <(timed "$SHARED/traces/empty.scap" "${rargs[@]}")
  awk -v l="$label" -v t="$s_wall" -v r="$s_rss" -v c="$s_cpu" 'BEGIN{printf "%-22s start-up %6.0f ms (cpu %5.2f s)  peak RSS %4d MB\n", l, t*1000, c, r/1024}'
  for w in psp500 cg700; do
    read -r wall rss cpu < <(timed "$DIR/$w.scap" "${rargs[@]}")
    local n=${EVENTS[$w]}
    awk -v w="$w" -v n="$n" -v t="$wall" -v s="$s_wall" -v rss="$rss" -v c="$cpu" -v sc="$s_cpu" 'BEGIN {
      net = (t > s) ? n / (t - s) : 0;
      printf "  %-7s wall %6.0f ms  %6.2f M ev/s whole  %6.2f M ev/s net  (cpu %5.2f s, net %5.2f s)  peak RSS %4d MB\n", w, t*1000, n/t/1e6, net/1e6, c, c-sc, rss/1024 }'
  done
}

# the compiled-rules cache lives beside the workloads (not in the user's cache): the first run of a rules set
# fills it, so best-of-RUNS figures are those of a warm cache; the "no rules cache" line is every run's cost
# without it (a first run with an empty cache costs about that plus writing the entry in the background)
export FALCOC_CACHE_DIR="$DIR/rules-cache"
echo "falcoc replay benchmark (best of $RUNS; Falco 0.42.1: psp500 490 ms / 5.16 M net, cg700 567 ms / 2.23 M net, start-up 186 ms)"
report "syscall_only_rules" "$SHARED/bench/syscall_only_rules.yaml"
FALCOC_NO_RULES_CACHE=1 report "  no rules cache" "$SHARED/bench/syscall_only_rules.yaml"
report "one never-matching" "$DIR/never.yaml"
if [ "${WITH_CHAIN:-1}" = 1 ]; then
  report "official chain" "$SHARED/rules/falco_rules.yaml" "$SHARED/rules/falco-incubating_rules.yaml" "$SHARED/rules/falco-sandbox_rules.yaml"
fi
