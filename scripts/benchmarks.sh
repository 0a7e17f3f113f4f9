#!/usr/bin/env bash
# Whole-process benchmarks of issue 8, one command (docs/benchmarks.md shows the results):
#   1. monitoring overhead per call, MooBench style: a method recursing to depth 10, no work, called
#      millions of times, with no tool, Perfweave (every call timed, and sample = 1/16), the
#      OpenTelemetry Java agent (method instrumentation, exporters off) and, on JDK 25, Flight
#      Recorder's method timing;
#   2. start-up: JVM launch to the application's first output, with and without the agent (10 probes).
# Variants run interleaved, several repetitions; the tables give medians, min-max and ratios.
#
# Usage: scripts/benchmarks.sh [--smoke]     (build first: mvn -B -q -DskipTests package)
#   --smoke       one short repetition of everything (what CI runs: it checks that it runs and prints tables)
#   REPS=n        repetitions (default 5)          CALLS=n   outer calls per run (default 2000000, x10 monitored)
#   JAVA=path     the JDK 17 java (default: java)  JAVA25=path  a JDK 25 java (default: found under /usr/lib/jvm)
set -euo pipefail
cd "$(dirname "$0")/.."

REPS=${REPS:-5}
CALLS=${CALLS:-2000000}
BATCHES=${BATCHES:-20}
STARTUP_REPS=${STARTUP_REPS:-10}
if [ "${1:-}" = "--smoke" ]; then
  REPS=1; CALLS=20000; BATCHES=4; STARTUP_REPS=1
fi
JAVA=${JAVA:-java}
if [ -z "${JAVA25:-}" ]; then
  for home in /usr/lib/jvm/*; do
    if [ -x "$home/bin/java" ] && grep -qs 'JAVA_VERSION="25' "$home/release"; then JAVA25="$home/bin/java"; break; fi
  done
fi

AGENT=agent/target/perfweave-agent.jar
# The benchmark's own classes only: the JMH jar also holds the agent's classes, which must not be on
# the application class path of a JVM that runs the agent.
BENCH=benchmarks/target/classes
OTEL=benchmarks/target/otel/opentelemetry-javaagent.jar
CONFIG=benchmarks/config
for file in "$AGENT" "$BENCH/io/perfweave/benchmarks/process/RecursionBenchmark.class"; do
  [ -f "$file" ] || { echo "missing $file: build first with mvn -B -q -DskipTests package" >&2; exit 2; }
done
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
MONITORED=io.perfweave.benchmarks.process.MonitoredRecursion
FLAGS=(-Xms256m -Xmx256m -XX:+UseParallelGC)

median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
minmax() { sort -g | awk 'NR==1{min=$1} {max=$1} END {printf "%s-%s", min, max}'; }

echo "# Perfweave benchmarks, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "repetitions: $REPS x $CALLS outer calls (x10 monitored); start-up: $STARTUP_REPS runs; JVM flags: ${FLAGS[*]}"

# ---------------------------------------------------------------- 1. overhead per monitored call
recursion() { # java variant -> prints ns per monitored call
  local java=$1 variant=$2 args=()
  case $variant in
    none) ;;
    perfweave) args=(-javaagent:$AGENT=config=$CONFIG/recursion.properties -Dperfweave.report.json=$WORK/$variant.json) ;;
    perfweave-sampled) args=(-javaagent:$AGENT=config=$CONFIG/recursion-sampled.properties -Dperfweave.report.json=$WORK/$variant.json) ;;
    otel) args=(-javaagent:$OTEL "-Dotel.instrumentation.methods.include=$MONITORED[call]" -Dotel.traces.exporter=none
                -Dotel.metrics.exporter=none -Dotel.logs.exporter=none -Dotel.javaagent.logging=none) ;;
    jfr-method-timing) args=("-XX:StartFlightRecording:method-timing=$MONITORED::call,filename=$WORK/timing.jfr") ;;
  esac
  "$java" "${FLAGS[@]}" "${args[@]}" -cp "$BENCH" io.perfweave.benchmarks.process.RecursionBenchmark "$CALLS" "$BATCHES" \
      2>"$WORK/stderr" | sed -n 's/^recursion: nsPerCall=\([0-9.]*\).*/\1/p' | grep . \
    || { echo "variant $variant failed:" >&2; cat "$WORK/stderr" >&2; return 1; }
}

overhead_table() { # java label variants...
  local java=$1 label=$2; shift 2
  local variants=("$@") v rep
  declare -A results
  for rep in $(seq "$REPS"); do
    for v in "${variants[@]}"; do
      results[$v]+="$(recursion "$java" "$v") "
    done
  done
  local base
  base=$(echo "${results[none]}" | tr ' ' '\n' | grep . | median)
  local pw
  pw=$(echo "${results[perfweave]}" | tr ' ' '\n' | grep . | median)
  echo
  echo "## Overhead per monitored call, $label ($("$java" -version 2>&1 | head -1))"
  echo
  echo "| variant | ns per call, median | min-max | overhead ns (median - none) | overhead / Perfweave's |"
  echo "|---|---|---|---|---|"
  for v in "${variants[@]}"; do
    local m r
    m=$(echo "${results[$v]}" | tr ' ' '\n' | grep . | median)
    r=$(echo "${results[$v]}" | tr ' ' '\n' | grep . | minmax)
    awk -v v="$v" -v m="$m" -v r="$r" -v b="$base" -v p="$pw" 'BEGIN {
      o = m - b; po = p - b;
      printf "| %s | %.1f | %s | %.1f | %s |\n", v, m, r, o, (v == "none" ? "-" : (po > 0 ? sprintf("%.2f", o / po) : "n/a")) }'
  done
  echo
  for v in perfweave perfweave-sampled; do
    if [ -f "$WORK/$v.json" ]; then
      python3 - "$WORK/$v.json" "$v" <<'PY' 2>/dev/null || true
import json, sys
probe = json.load(open(sys.argv[1]))["probes"][0]
print(f"{sys.argv[2]}, last run: {probe['count']} calls counted, {probe['latencyNanos']['samples']} timed, {probe['dropped']} dropped (ring full)  ")
PY
    fi
  done
}

variants=(none perfweave perfweave-sampled)
[ -f "$OTEL" ] && variants+=(otel) || echo "(no $OTEL: the OpenTelemetry agent is left out)"
overhead_table "$JAVA" "JDK 17" "${variants[@]}"
if [ -n "${JAVA25:-}" ]; then
  overhead_table "$JAVA25" "JDK 25" "${variants[@]}" jfr-method-timing
fi

# ---------------------------------------------------------------- 2. start-up
startup() { # java variant -> "first-output-ms probed-call-ms total-ms"
  local java=$1 variant=$2 args=()
  [ "$variant" = perfweave ] && args=(-javaagent:$AGENT=config=$CONFIG/startup-10-probes.properties)
  local launched finished out
  launched=$(date +%s%3N)
  out=$("$java" "${args[@]}" -cp "$BENCH" io.perfweave.benchmarks.process.FirstOutput 2>"$WORK/stderr")
  finished=$(date +%s%3N)
  local first probed
  first=$(echo "$out" | sed -n 's/^first-output-epoch-ms=\([0-9]*\).*/\1/p')
  probed=$(echo "$out" | sed -n 's/^probed-call-done-epoch-ms=\([0-9]*\).*/\1/p')
  [ -n "$first" ] && [ -n "$probed" ] || { echo "start-up variant $variant failed:" >&2; cat "$WORK/stderr" >&2; return 1; }
  echo "$((first - launched)) $((probed - launched)) $((finished - launched))"
}

startup_table() { # java label
  local java=$1 label=$2 rep v
  declare -A first probed total
  for rep in $(seq "$STARTUP_REPS"); do
    for v in none perfweave; do
      read -r f p t < <(startup "$java" "$v")
      first[$v]+="$f "; probed[$v]+="$p "; total[$v]+="$t "
    done
  done
  echo
  echo "## Start-up, $label: JVM launch to first output, 10 probe patterns (ms, median and min-max)"
  echo
  echo "| variant | first output | first probed call done | JVM exited |"
  echo "|---|---|---|---|"
  for v in none perfweave; do
    local cells=""
    for series in "${first[$v]}" "${probed[$v]}" "${total[$v]}"; do
      cells+=" $(echo "$series" | tr ' ' '\n' | grep . | median) ($(echo "$series" | tr ' ' '\n' | grep . | minmax)) |"
    done
    echo "| $v |$cells"
  done
}

startup_table "$JAVA" "JDK 17"
[ -n "${JAVA25:-}" ] && startup_table "$JAVA25" "JDK 25"
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
