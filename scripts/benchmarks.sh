#!/usr/bin/env bash
# Whole-process benchmarks of issue 8, one command (docs/benchmarks.md shows the results):
#   1. monitoring overhead per call, MooBench style: a method recursing to depth 10, no work, called
#      millions of times, with no tool, Perfweave (every call timed, and sample = 1/16), the
#      OpenTelemetry Java agent (method instrumentation, exporters off) and, on JDK 25, Flight
#      Recorder's method timing;
#   2. start-up: JVM launch to the application's first output, with and without the agent (10 probes);
#   3. application throughput: the sample app's requests per second with and without the agent and its
#      shipped configuration (sample-app/perfweave.properties);
#   4. footprint: heap live after full GC with 10, 100 and 1,000 active probes against none, and the
#      reporter thread's CPU time per interval, on generated classes (one probe per method);
#   5. attach: what a dynamic attach with a broad pattern costs the target's threads: a JVM that has
#      loaded and run 2,000 generated classes is attached with one probe matching all their methods;
#      its hiccup meter, its safepoint log and the attach's own figures (docs/attach.md).
# Variants run interleaved, several repetitions; the tables give medians, min-max and ratios.
#
# Usage: scripts/benchmarks.sh [--smoke] [section...]     (build first: mvn -B -q -DskipTests package)
#   --smoke       one short repetition of everything (what CI runs: it checks that it runs and prints tables)
#   section       overhead, startup, throughput, footprint, attach: only these (default: all)
#   REPS=n        repetitions (default 5)          CALLS=n   outer calls per run (default 2000000, x10 monitored)
#   JAVA=path     the JDK 17 java (default: java)  JAVA25=path  a JDK 25 java (default: found under /usr/lib/jvm)
#   THROUGHPUT_REPS=n, THROUGHPUT_SECONDS=n, THROUGHPUT_WARMUP=n   sample app runs (default 5, 10 s, 5 s)
#   FOOTPRINT_REPS=n, FOOTPRINT_SECONDS=n   footprint runs per variant and measured seconds (default 3, 10)
#   ATTACH_REPS=n, ATTACH_CLASSES=n, ATTACH_IDLE=n   attach runs per JDK, generated classes, idle seconds
#                                                    measured before the attach (default 3, 2000, 5)
set -euo pipefail
cd "$(dirname "$0")/.."

REPS=${REPS:-5}
CALLS=${CALLS:-2000000}
BATCHES=${BATCHES:-20}
STARTUP_REPS=${STARTUP_REPS:-10}
THROUGHPUT_REPS=${THROUGHPUT_REPS:-5}
THROUGHPUT_SECONDS=${THROUGHPUT_SECONDS:-10}
THROUGHPUT_WARMUP=${THROUGHPUT_WARMUP:-5}
FOOTPRINT_REPS=${FOOTPRINT_REPS:-3}
FOOTPRINT_SECONDS=${FOOTPRINT_SECONDS:-10}
FOOTPRINT_WARMUP=5
FOOTPRINT_PROBES=(10 100 1000)
ATTACH_REPS=${ATTACH_REPS:-3}
ATTACH_CLASSES=${ATTACH_CLASSES:-2000}
ATTACH_IDLE=${ATTACH_IDLE:-5}
SMOKE=false
if [ "${1:-}" = "--smoke" ]; then
  SMOKE=true
  REPS=1; CALLS=20000; BATCHES=4; STARTUP_REPS=1
  THROUGHPUT_REPS=1; THROUGHPUT_SECONDS=1; THROUGHPUT_WARMUP=1
  FOOTPRINT_REPS=1; FOOTPRINT_SECONDS=1; FOOTPRINT_WARMUP=0; FOOTPRINT_PROBES=(10 1000)
  ATTACH_REPS=1; ATTACH_CLASSES=200; ATTACH_IDLE=1
  shift
fi
SECTIONS=("$@")
for section in "${SECTIONS[@]}"; do
  case $section in
    overhead|startup|throughput|footprint|attach) ;;
    *) echo "unknown section $section: overhead, startup, throughput, footprint or attach" >&2; exit 2 ;;
  esac
done
wants() { [ ${#SECTIONS[@]} -eq 0 ] || [[ " ${SECTIONS[*]} " == *" $1 "* ]]; }
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
SAMPLE_APP=sample-app/target/perfweave-sample-app.jar
needed=("$AGENT" "$BENCH/io/perfweave/benchmarks/process/RecursionBenchmark.class")
wants throughput && needed+=("$SAMPLE_APP")
for file in "${needed[@]}"; do
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
echo "sections: ${SECTIONS[*]:-all}; repetitions: $REPS x $CALLS outer calls (x10 monitored); start-up: $STARTUP_REPS runs; JVM flags: ${FLAGS[*]}"

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

if wants overhead; then
  variants=(none perfweave perfweave-sampled)
  [ -f "$OTEL" ] && variants+=(otel) || echo "(no $OTEL: the OpenTelemetry agent is left out)"
  overhead_table "$JAVA" "JDK 17" "${variants[@]}"
  if [ -n "${JAVA25:-}" ]; then
    overhead_table "$JAVA25" "JDK 25" "${variants[@]}" jfr-method-timing
  fi
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

if wants startup; then
  startup_table "$JAVA" "JDK 17"
  [ -n "${JAVA25:-}" ] && startup_table "$JAVA25" "JDK 25"
fi

# ---------------------------------------------------------------- 3. application throughput
throughput() { # java variant -> requests per second after the warm-up
  local java=$1 variant=$2 args=()
  [ "$variant" = perfweave ] && args=(-javaagent:$AGENT=config=sample-app/perfweave.properties
                                      -Dperfweave.report.json=$WORK/sample-app.json)
  "$java" "${FLAGS[@]}" "${args[@]}" -jar "$SAMPLE_APP" --duration "${THROUGHPUT_SECONDS}s" \
      --warm-up "${THROUGHPUT_WARMUP}s" 2>"$WORK/stderr" | sed -n 's/^sample-app: requests-per-second=\([0-9.]*\)/\1/p' | grep . \
    || { echo "throughput variant $variant failed:" >&2; cat "$WORK/stderr" >&2; return 1; }
}

throughput_table() { # java label
  local java=$1 label=$2 rep v
  declare -A results
  for rep in $(seq "$THROUGHPUT_REPS"); do
    for v in none perfweave; do
      results[$v]+="$(throughput "$java" "$v") "
    done
  done
  local base
  base=$(echo "${results[none]}" | tr ' ' '\n' | grep . | median)
  echo
  echo "## Application throughput, $label: sample app, ${THROUGHPUT_SECONDS} s after ${THROUGHPUT_WARMUP} s of warm-up, sample-app/perfweave.properties"
  echo
  echo "| variant | requests/s, median | min-max | median / none's |"
  echo "|---|---|---|---|"
  for v in none perfweave; do
    local m r
    m=$(echo "${results[$v]}" | tr ' ' '\n' | grep . | median)
    r=$(echo "${results[$v]}" | tr ' ' '\n' | grep . | minmax)
    awk -v v="$v" -v m="$m" -v r="$r" -v b="$base" 'BEGIN { printf "| %s | %.0f | %s | %.4f |\n", v, m, r, m / b }'
  done
}

if wants throughput; then
  throughput_table "$JAVA" "JDK 17"
  [ -n "${JAVA25:-}" ] && [ "$SMOKE" = false ] && throughput_table "$JAVA25" "JDK 25"
fi

# ---------------------------------------------------------------- 4. footprint and reporter CPU
GENERATED=$WORK/generated
FOOTPRINT_THREADS=3
FOOTPRINT_ROUNDS=100

footprint() { # java variant(none or a probe count) histogram-file -> "live-heap-bytes reporter-cpu-ms reporter-cpu-max-ms calls/s retained-estimate active-probes"
  local java=$1 variant=$2 histogram=$3 args=()
  [ "$variant" = none ] || args=(-javaagent:$AGENT=config=$GENERATED/probes-$variant.properties
                                 -Dperfweave.report.json=$WORK/footprint.json)
  rm -f "$WORK/footprint.json"
  local line
  line=$("$java" "${FLAGS[@]}" "${args[@]}" -cp "$BENCH:$GENERATED/classes" io.perfweave.benchmarks.footprint.FootprintWorkload \
      "$FOOTPRINT_THREADS" "$FOOTPRINT_ROUNDS" "$FOOTPRINT_WARMUP" "$FOOTPRINT_SECONDS" "$histogram" 2>"$WORK/stderr" | grep '^footprint:') \
    || { echo "footprint variant $variant failed:" >&2; tail -20 "$WORK/stderr" >&2; return 1; }
  local estimate="- -"
  if [ -f "$WORK/footprint.json" ]; then
    estimate=$(python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))
print(r["overhead"]["retainedBytes"], sum(1 for p in r["probes"] if p["count"] > 0))' "$WORK/footprint.json")
  fi
  echo "$line" | sed -n 's/.*liveHeapBytes=\([0-9]*\) reporterCpuMsPerSecond=\([-0-9.]*\) max=\([-0-9.]*\) callsPerSecond=\([0-9]*\).*/\1 \2 \3 \4/p' \
    | tr '\n' ' '
  echo "$estimate"
}

# The classes that make up most of the difference between two class histograms (jcmd GC.class_histogram format).
histogram_difference() { # with-agent without-agent
  python3 - "$1" "$2" <<'PY'
import re, sys
def load(path):
    counts = {}
    for line in open(path):
        m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
        if m:
            counts[m.group(3)] = (int(m.group(1)), int(m.group(2)))
    return counts
agent, none = load(sys.argv[1]), load(sys.argv[2])
rows = sorted(((b - none.get(k, (0, 0))[1], n - none.get(k, (0, 0))[0], k) for k, (n, b) in agent.items()), reverse=True)
print(f"difference in all: {sum(r[0] for r in rows) / 2**20:.2f} MiB; the largest:")
print()
print("| class | bytes | instances |")
print("|---|---|---|")
for size, count, name in rows[:12]:
    print(f"| `{name}` | {size} | {count} |")
PY
}

footprint_table() { # java label
  local java=$1 label=$2 rep v
  local variants=(none "${FOOTPRINT_PROBES[@]}")
  local largest=${FOOTPRINT_PROBES[-1]}
  declare -A heap cpu cpumax rate estimate active
  for rep in $(seq "$FOOTPRINT_REPS"); do
    for v in "${variants[@]}"; do
      read -r h c x r e a < <(footprint "$java" "$v" "$WORK/histogram-$v.txt")
      heap[$v]+="$h "; cpu[$v]+="$c "; cpumax[$v]+="$x "; rate[$v]+="$r "; estimate[$v]+="$e "; active[$v]=$a
    done
  done
  local base
  base=$(echo "${heap[none]}" | tr ' ' '\n' | grep . | median)
  echo
  echo "## Footprint, $label: $FOOTPRINT_THREADS threads call every probed method $FOOTPRINT_ROUNDS times a second; reporter interval 1 s"
  echo
  echo "| probes | active | heap live after GC, MiB median (min-max) | agent's share, MiB | target, MiB (2 + 16 KiB per probe) | agent's own estimate (retainedBytes), MiB | reporter CPU ms per interval, median (max) | probed calls/s |"
  echo "|---|---|---|---|---|---|---|---|"
  for v in "${variants[@]}"; do
    local h hr c x r e
    h=$(echo "${heap[$v]}" | tr ' ' '\n' | grep . | median)
    hr=$(echo "${heap[$v]}" | tr ' ' '\n' | grep . | minmax)
    c=$(echo "${cpu[$v]}" | tr ' ' '\n' | grep . | median)
    x=$(echo "${cpumax[$v]}" | tr ' ' '\n' | grep . | sort -g | tail -1)
    r=$(echo "${rate[$v]}" | tr ' ' '\n' | grep . | median)
    e=$(echo "${estimate[$v]}" | tr ' ' '\n' | { grep -v -e '^-$' -e '^$' || true; } | median)
    awk -v v="$v" -v h="$h" -v hr="$hr" -v b="$base" -v c="$c" -v x="$x" -v r="$r" -v e="$e" -v a="${active[$v]}" 'BEGIN {
      m = 1048576; split(hr, range, "-");
      if (v == "none") { printf "| none | - | %.2f (%.2f-%.2f) | - | - | - | - | %.0f |\n", h / m, range[1] / m, range[2] / m, r; exit }
      printf "| %s | %s | %.2f (%.2f-%.2f) | %.2f | %.2f | %.2f | %.1f (%.1f) | %.0f |\n",
        v, a, h / m, range[1] / m, range[2] / m, (h - b) / m, 2 + v * 16 / 1024, e / m, c, x, r }'
  done
  echo
  echo "What the agent's share at $largest probes is made of (class histogram of the last run, with the agent minus without):"
  histogram_difference "$WORK/histogram-$largest.txt" "$WORK/histogram-none.txt"
}

if wants footprint; then
  "$JAVA" -cp "$BENCH" io.perfweave.benchmarks.footprint.ProbedClassesGenerator "$GENERATED" "${FOOTPRINT_PROBES[@]}" >/dev/null
  footprint_table "$JAVA" "JDK 17"
  [ -n "${JAVA25:-}" ] && [ "$SMOKE" = false ] && footprint_table "$JAVA25" "JDK 25"
fi

# ---------------------------------------------------------------- 5. dynamic attach with a broad pattern
ATTACHED=$WORK/attach

attach_pause() { # java -> the target's figures, "key=value ..."
  local java=$1
  rm -f "$WORK/safepoints.log"
  "$java" "${FLAGS[@]}" "-Xlog:safepoint=info:file=$WORK/safepoints.log:uptimenanos" -cp "$BENCH:$ATTACHED/classes" \
      io.perfweave.benchmarks.attach.AttachPauseTarget "$AGENT" "$ATTACHED/probes-all.properties" "$WORK/safepoints.log" \
      "$ATTACH_IDLE" 2>"$WORK/stderr" | sed -n 's/^attach-pause: //p' | grep . \
    || { echo "attach run failed:" >&2; tail -20 "$WORK/stderr" >&2; return 1; }
}

attach_table() { # "label<TAB>key=value ..." per run
  echo
  echo "## Attach with a broad pattern: $ATTACH_CLASSES generated classes loaded and running, one probe on all their methods"
  echo
  python3 - "$@" <<'PY'
import statistics, sys
jdks = {}
for arg in sys.argv[1:]:
    label, line = arg.split("\t")
    run = dict(pair.split("=") for pair in line.split())
    # Time in hiccups of 10 ms or more per second measured: the idle stretch and the attach differ in length.
    run["idleStalledPerSecond"] = float(run["idleStalledMs"]) / float(run["idleSeconds"])
    run["attachStalledPerSecond"] = float(run["attachStalledMs"]) / float(run["attachSeconds"])
    jdks.setdefault(label, []).append(run)
def cell(runs, key, digits=0):
    values = sorted(float(run[key]) for run in runs)
    median = f"{statistics.median(values):,.{digits}f}"
    low, high = f"{values[0]:,.{digits}f}", f"{values[-1]:,.{digits}f}"
    return median if low == high else f"{median} ({low}-{high})"
print("Median (min-max) of the runs; times in ms. Hiccups: how late a thread that wakes every 100 us woke up.")
print()
print("| target | runs | JVM classes loaded | classes retransformed | attach: agent / command | `RedefineClasses` safepoints | longest | all together"
      " | all safepoints during attach: count, longest, together | longest hiccup: idle / during attach"
      " | hiccups of 10 ms or more during attach: count, together | the same, ms per second: idle / during attach |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for label, runs in jdks.items():
    c = lambda key, digits=0: cell(runs, key, digits)
    print(f"| {label} | {len(runs)} | {c('loadedClasses')} | {c('retransformed')} | {c('agentMs')} / {c('commandMs')} | {c('redefinitions')}"
          f" | {c('redefinitionLongestMs', 1)} | {c('redefinitionTotalMs', 1)}"
          f" | {c('safepoints')}, {c('safepointLongestMs', 1)}, {c('safepointTotalMs', 1)}"
          f" | {c('idleLongestMs', 1)} / {c('attachLongestMs', 1)} | {c('attachStalls')}, {c('attachStalledMs', 1)}"
          f" | {c('idleStalledPerSecond')} / {c('attachStalledPerSecond')} |")
PY
}

if wants attach; then
  "$JAVA" -cp "$BENCH" io.perfweave.benchmarks.footprint.ProbedClassesGenerator "$ATTACHED" --classes "$ATTACH_CLASSES" >/dev/null
  attach_runs=()
  for rep in $(seq "$ATTACH_REPS"); do
    attach_runs+=("JDK 17"$'\t'"$(attach_pause "$JAVA")")
    [ -n "${JAVA25:-}" ] && attach_runs+=("JDK 25"$'\t'"$(attach_pause "$JAVA25")")
  done
  attach_table "${attach_runs[@]}"
fi
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
