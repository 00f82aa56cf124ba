#!/usr/bin/env bash
# Whole-process cost of `falcoc check --format json` on the official chain
# falco_rules -> falco-incubating_rules -> falco-sandbox_rules: wall time (hyperfine when installed,
# else a timed loop) and peak RSS (GNU time), next to Falco 0.42's `falco -V` on the same files.
#   usage: bench/check-wall.sh [RUNS]   env: FALCOC_RULES=dir with the three files, NO_HYPERFINE=1 forces the loop
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RULES="${FALCOC_RULES:-$ROOT/../shared/rules}"
RUNS="${1:-20}"
# Falco's figures for `falco -V` of the chain on this kind of machine (see the issue / shared docs).
FALCO_WALL_S=0.112
FALCO_RSS_MIB=36

FILES=()
for f in falco_rules.yaml falco-incubating_rules.yaml falco-sandbox_rules.yaml; do
  [ -f "$RULES/$f" ] || { echo "check-wall: $RULES/$f not found (set FALCOC_RULES)" >&2; exit 2; }
  FILES+=("$RULES/$f")
done
CMD=("$ROOT/falcoc" check --format json "${FILES[@]}")

# Two untimed runs: the first may build the jar, and the launcher records its AOT cache after a
# run without one, so timing starts from the steady state a user sees from the second run on.
"${CMD[@]}" >/dev/null
"${CMD[@]}" >/dev/null

echo "== wall time, $RUNS runs: falcoc check --format json (3-file chain)"
if [ -z "${NO_HYPERFINE:-}" ] && command -v hyperfine >/dev/null; then
  json="$(mktemp)"
  trap 'rm -f "$json"' EXIT
  hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$json" "${CMD[*]}"
  read -r mean sd min cpu < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["mean"], r["stddev"], r["min"], r["user"] + r["system"])' "$json")
else
  # No hyperfine: a plain loop with nanosecond clocks.
  ts=()
  for ((i = 0; i < RUNS; i++)); do
    t0=$(date +%s%N); "${CMD[@]}" >/dev/null; t1=$(date +%s%N)
    ts+=($((t1 - t0)))
  done
  read -r mean sd min < <(printf '%s\n' "${ts[@]}" | awk '{s+=$1; q+=$1*$1; if(NR==1||$1<m)m=$1} END{a=s/NR; v=q/NR-a*a; if(v<0)v=0; printf "%.6f %.6f %.6f\n", a/1e9, sqrt(v)/1e9, m/1e9}')
  cpu=""
fi

echo "== peak RSS (GNU time -v, best of 3)"
rss_kb=""
for _ in 1 2 3; do
  read -r k c < <( { /usr/bin/time -v "${CMD[@]}" >/dev/null; } 2>&1 | awk -F': ' '
    /Maximum resident set size/ {k=$2} /User time/ {u=$2} /System time/ {s=$2} END {print k, u+s}')
  if [ -z "$rss_kb" ] || [ "$k" -lt "$rss_kb" ]; then rss_kb="$k"; fi
  [ -n "$cpu" ] || cpu="$c"
done

printf '\n%-34s %10s %10s %10s\n' "" "mean s" "min s" "peak MiB"
# CPU (user+sys) is printed too: on a shared, busy machine it moves far less than wall time.
printf '%-34s %10.3f %10.3f %10.1f   (sd %.3f s, cpu %.3f s, load %s)\n' "falcoc check --format json" "$mean" "$min" \
  "$(echo "$rss_kb / 1024" | bc -l)" "$sd" "$cpu" "$(cut -d' ' -f1 /proc/loadavg)"
printf '%-34s %10.3f %10s %10d   (reference figures)\n' "falco -V (Falco 0.42)" "$FALCO_WALL_S" "-" "$FALCO_RSS_MIB"
printf 'falcoc/falco wall ratio: %.2f\n' "$(echo "$mean / $FALCO_WALL_S" | bc -l)"
