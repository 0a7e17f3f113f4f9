#!/usr/bin/env bash
# Measures the baseline comparison's false-alarm rate and its power on the sample app, as recorded in
# docs/baselines.md. Whole processes, the way a user runs them:
#   1. one run of the sample app saves a baseline (baseline.save);
#   2. RUNS more runs of the same workload each save their own baseline, and
#      `perfweave-agent.jar compare` judges each against the first: any flagged probe is a false alarm;
#   3. one run with --regress pricing (PricingEngine.price about 40% slower) is compared the same way,
#      and also compared live by the agent (baseline.compare), whose JSON report must agree.
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

compare() { # baseline, current -> prints the flagged probes, returns compare's exit code
  local code=0
  java -jar "$agent" compare "$1" "$2" >"$out/compare.txt" 2>&1 || code=$?
  if [ "$code" -eq 2 ]; then cat "$out/compare.txt" >&2; exit 2; fi
  grep -E '^REGRESSED ' "$out/compare.txt" | awk '{print $2}' | tr '\n' ' ' || true
  return "$code"
}

echo "java: $(java -version 2>&1 | head -1); $(nproc) cores; $runs runs of --threads 2 --requests $requests"
run_app base ""
probes=$(grep -c '"latencyHistogram"' "$out/base.json")
flagged_runs=0
flagged_probes=0
for i in $(seq 1 "$runs"); do
  run_app "same-$i" ""
  flags=$(compare "$out/base.json" "$out/same-$i.json") && code=0 || code=$?
  improved=$(grep -E '^improved ' "$out/compare.txt" | awk '{print $2}' | tr '\n' ' ' || true)
  echo "same workload run $i: exit $code${flags:+, regressed: $flags}${improved:+, improved: $improved}"
  if [ -n "$flags" ]; then
    flagged_runs=$((flagged_runs + 1))
    flagged_probes=$((flagged_probes + $(echo "$flags" | wc -w)))
  fi
done
echo "false alarms: $flagged_runs of $runs runs had a probe flagged as regressed ($flagged_probes of $((runs * probes)) probe comparisons)"

run_app regressed ",baseline.compare=$out/base.json" --regress pricing
flags=$(compare "$out/base.json" "$out/regressed.json") && code=0 || code=$?
echo "--regress pricing: compare exit $code, regressed: $flags"
grep -E '^(REGRESSED|unchanged|improved|insufficient)' "$out/compare.txt" | sed 's/^/  /'
echo "live comparison in the agent's JSON report:"
python3 - "$out/regressed-report.json" <<'PY'
import json, sys
for p in json.load(open(sys.argv[1]))["probes"]:
    r = p["regression"]
    changes = ", ".join(f'{m["metric"]} {m.get("change", float("nan")):+.1%}' for m in r["metrics"])
    print(f'  {p["name"]}: {r["status"]} ({changes})')
PY
