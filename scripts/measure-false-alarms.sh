#!/usr/bin/env bash
# Measures the baseline comparison's false-alarm rate and its power on the sample app, as recorded in
# docs/baselines.md. Whole processes, the way a user runs them:
#   1. one run of the sample app saves a baseline (baseline.save);
#   2. RUNS more runs of the same workload each save their own baseline, and
#      `perfweave-agent.jar compare` judges each against the first: any flagged probe is a false alarm;
#   3. every ordered pair of those same-workload runs is compared too (any of them could have been the
#      baseline): RUNS+1 runs give (RUNS+1)*RUNS comparisons;
#   4. one run with --regress pricing (PricingEngine.price about 40% slower) is compared with every
#      same-workload run, and also compared live by the agent (baseline.compare).
# Usage: scripts/measure-false-alarms.sh [RUNS=10] [REQUESTS_PER_THREAD=40000]
# Needs the built jars: mvn -B -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-10}"
requests="${2:-40000}"
agent=agent/target/perfweave-agent.jar
app=sample-app/target/perfweave-sample-app.jar
config=sample-app/perfweave.properties
out=target/false-alarms
for jar in "$agent" "$app"; do
  [ -f "$jar" ] || { echo "missing $jar: run mvn -B -q -DskipTests package first" >&2; exit 2; }
done
rm -rf "$out" && mkdir -p "$out"

run_app() { # name, extra agent arguments, extra app arguments
  local name="$1" agent_args="$2"; shift 2
  java -javaagent:"$agent"=config="$config",report.console=false,report.json="$out/$name-report.json",baseline.save="$out/$name.json",baseline.label="$name""$agent_args" \
       -jar "$app" --threads 2 --requests "$requests" "$@" >"$out/$name.out" 2>"$out/$name.err"
}

compare() { # baseline, current -> prints the regressed probes into compare-<current>.txt, returns compare's exit code
  local code=0 result="$out/compare-$(basename "$2" .json).txt"
  java -jar "$agent" compare "$1" "$2" >"$result" 2>&1 || code=$?
  if [ "$code" -eq 2 ]; then cat "$result" >&2; exit 2; fi
  grep -E '^REGRESSED ' "$result" | awk '{print $2}' | tr '\n' ' ' || true
  return "$code"
}

echo "java: $(java -version 2>&1 | head -1); $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg);" \
     "$runs runs of --threads 2 --requests $requests"
run_app base ""
probes=$(grep -c '"latencyHistogram"' "$out/base.json")
flagged_runs=0
flagged_probes=0
for i in $(seq 1 "$runs"); do
  run_app "same-$i" ""
  flags=$(compare "$out/base.json" "$out/same-$i.json") && code=0 || code=$?
  improved=$(grep -E '^improved ' "$out/compare-same-$i.txt" | awk '{print $2}' | tr '\n' ' ' || true)
  echo "same workload run $i: exit $code${flags:+, regressed: $flags}${improved:+, improved: $improved}"
  if [ -n "$flags" ]; then
    flagged_runs=$((flagged_runs + 1))
    flagged_probes=$((flagged_probes + $(echo "$flags" | wc -w)))
  fi
done
echo "false alarms: $flagged_runs of $runs runs had a probe flagged as regressed ($flagged_probes of $((runs * probes)) probe comparisons)"

same_runs="$out/base.json $(for i in $(seq 1 "$runs"); do echo "$out/same-$i.json"; done)"
pairs=0
flagged_pairs=0
declare -A by_probe=()
for a in $same_runs; do
  for b in $same_runs; do
    [ "$a" = "$b" ] && continue
    pairs=$((pairs + 1))
    flags=$(compare "$a" "$b") || true
    if [ -n "$flags" ]; then
      flagged_pairs=$((flagged_pairs + 1))
      for probe in $flags; do by_probe[$probe]=$((${by_probe[$probe]:-0} + 1)); done
    fi
  done
done
echo "all pairs of same-workload runs: $flagged_pairs of $pairs comparisons flagged a regression${by_probe[*]:+ (by probe:$(for p in "${!by_probe[@]}"; do printf ' %s=%s' "$p" "${by_probe[$p]}"; done))}"

run_app regressed ",baseline.compare=$out/base.json" --regress pricing
echo "--regress pricing compared with each same-workload run as the baseline: regressed probes, how often"
for a in $same_runs; do compare "$a" "$out/regressed.json" || true; echo; done | sort | uniq -c | sed 's/^/ /'
flags=$(compare "$out/base.json" "$out/regressed.json") && code=0 || code=$?
echo "against the first run: exit $code, regressed: $flags"
grep -E '^(REGRESSED|unchanged|improved|insufficient)' "$out/compare-regressed.txt" | sed 's/^/  /'
echo "the agent's own comparison at exit (baseline.compare):"
grep -o 'comparison with baseline .*' "$out/regressed.err" | sed 's/^/  /'
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
