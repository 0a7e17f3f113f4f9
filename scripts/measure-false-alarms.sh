#!/usr/bin/env bash
# Measures the baseline comparison's false-alarm rate and its power on the sample app, as recorded in
# docs/baselines.md. Whole processes, the way a user runs them:
#   1. SAME runs of the unchanged sample app and REGRESSED runs with --regress pricing
#      (PricingEngine.price about 40% slower) each save a baseline (baseline.save). The two kinds are
#      interleaved (one regressed run after every SAME/REGRESSED unchanged ones), so that a machine that
#      gets busier or quieter during the measurement affects both alike;
#   2. one-run baselines: every ordered pair of unchanged runs is compared with `compare` (any of them
#      could have been the baseline): a flagged probe is a false alarm. Every regressed run is compared
#      with every unchanged run: `price` should be flagged, and nothing else;
#   3. merged baselines (`merge`) of K consecutive unchanged runs (K=5; every rotation of the unchanged
#      runs gives one): each is compared with every unchanged run not in it (false alarms) and with
#      every regressed run (power).
# Usage: scripts/measure-false-alarms.sh [SAME=12] [REGRESSED=4] [REQUESTS_PER_THREAD=20000] [K=5]
# Needs the built jars: mvn -B -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."

same="${1:-12}"
regressed="${2:-4}"
requests="${3:-20000}"
k="${4:-5}"
agent=agent/target/perfweave-agent.jar
app=sample-app/target/perfweave-sample-app.jar
config=sample-app/perfweave.properties
out=target/false-alarms
for jar in "$agent" "$app"; do
  [ -f "$jar" ] || { echo "missing $jar: run mvn -B -q -DskipTests package first" >&2; exit 2; }
done
[ "$k" -lt "$same" ] || { echo "K ($k) must be smaller than SAME ($same)" >&2; exit 2; }
rm -rf "$out" && mkdir -p "$out"

run_app() { # name, extra app arguments
  local name="$1"; shift
  java -javaagent:"$agent"=config="$config",report.console=false,report.json="$out/$name-report.json",baseline.save="$out/$name.json",baseline.label="$name" \
       -jar "$app" --threads 2 --requests "$requests" "$@" >"$out/$name.out" 2>"$out/$name.err"
}

compare() { # baseline, current -> prints the regressed probes; the full output goes to compare-<b>-<c>.txt
  local code=0 result="$out/compare-$(basename "$1" .json)-$(basename "$2" .json).txt"
  java -jar "$agent" compare "$1" "$2" >"$result" 2>&1 || code=$?
  if [ "$code" -eq 2 ]; then cat "$result" >&2; exit 2; fi
  grep -E '^REGRESSED ' "$result" | awk '{print $2}' | tr '\n' ' ' || true
}

p50() { # file, probe -> the probe's latency p50 in microseconds
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(next('%.1f' % (p['latencyNanos']['p50'] / 1000) for p in d['probes'] if p['name'] == sys.argv[2]))" "$1" "$2"
}

echo "java: $(java -version 2>&1 | head -1); $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg);" \
     "$same unchanged and $regressed regressed runs of --threads 2 --requests $requests, interleaved"
every=$(( (same + regressed - 1) / regressed ))
s=0; r=0; order=""
while [ "$s" -lt "$same" ] || [ "$r" -lt "$regressed" ]; do
  if [ "$r" -lt "$regressed" ] && { [ "$s" -ge "$same" ] || [ $(( (s + r + 1) % every )) -eq 0 ]; }; then
    r=$((r + 1)); run_app "regressed-$r" --regress pricing; order="$order R$r"
  else
    s=$((s + 1)); run_app "same-$s"; order="$order S$s"
  fi
done
echo "run order:$order; load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "price p50 (us), unchanged runs: $(for i in $(seq 1 "$same"); do printf '%s ' "$(p50 "$out/same-$i.json" price)"; done)"
echo "price p50 (us), regressed runs: $(for i in $(seq 1 "$regressed"); do printf '%s ' "$(p50 "$out/regressed-$i.json" price)"; done)"

tally() { # label, then "flags" lines on stdin: prints how often each set of regressed probes came up
  sort | uniq -c | sed 's/^ */    /; s/ $//' | awk -v l="$1" 'BEGIN { print "  " l } { print }'
}

echo
echo "one-run baselines"
for a in $(seq 1 "$same"); do
  for b in $(seq 1 "$same"); do
    [ "$a" = "$b" ] || echo "[$(compare "$out/same-$a.json" "$out/same-$b.json")]"
  done
done | tally "unchanged vs unchanged, $((same * (same - 1))) pairs: how often each set of probes was flagged ([] = none)"
for a in $(seq 1 "$same"); do
  for b in $(seq 1 "$regressed"); do echo "[$(compare "$out/same-$a.json" "$out/regressed-$b.json")]"; done
done | tally "regressed vs unchanged, $((same * regressed)) pairs: how often each set of probes was flagged"

echo
echo "merged baselines of $k consecutive unchanged runs ($same rotations)"
for i in $(seq 0 $((same - 1))); do
  members=""
  for j in $(seq 0 $((k - 1))); do members="$members $out/same-$(( (i + j) % same + 1 )).json"; done
  # shellcheck disable=SC2086
  java -jar "$agent" merge "$out/merged-$((i + 1)).json" $members --label "merged-$((i + 1))" >/dev/null
done
for i in $(seq 0 $((same - 1))); do
  for b in $(seq 1 "$same"); do
    offset=$(( (b - 1 - i + same) % same ))
    [ "$offset" -lt "$k" ] || echo "[$(compare "$out/merged-$((i + 1)).json" "$out/same-$b.json")]"
  done
done | tally "unchanged vs merged, $((same * (same - k))) pairs: how often each set of probes was flagged"
for i in $(seq 1 "$same"); do
  for b in $(seq 1 "$regressed"); do echo "[$(compare "$out/merged-$i.json" "$out/regressed-$b.json")]"; done
done | tally "regressed vs merged, $((same * regressed)) pairs: how often each set of probes was flagged"

echo
echo "one comparison in full (merged-1 -> regressed-1):"
compare "$out/merged-1.json" "$out/regressed-1.json" >/dev/null
grep -E '^(REGRESSED|unchanged|improved|insufficient)' "$out/compare-merged-1-regressed-1.txt" | sed 's/^/  /'
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
