#!/usr/bin/env bash
# Soak test (not run in CI): the sample app under the agent, with the Prometheus endpoint and the
# dashboard serving, for a long time; every SAMPLE seconds it records the JVM's heap, metaspace,
# threads, resident memory and the agent's dropped records, and every fifth sample it also forces a
# full GC and records the live heap after it, so that growth of what is retained cannot hide behind
# garbage not yet collected. Each sample it also polls the dashboard as an open browser tab would:
# the page, /api/snapshot, and the busiest probe's detail (/api/probes/<name>), recording their HTTP
# status, the snapshot's sequence (which must keep advancing), its size and its response time.
# At the end it prints the first, last and largest value of each column and the growth over the
# second half of the run, which must be about zero for a run without leaks, and how many dashboard
# polls were answered.
#
# Usage: scripts/soak.sh [MINUTES] [OUTPUT_DIR] [SAMPLE_SECONDS]     (defaults: 30 target/soak 30)
# Needs the built jars (mvn -B -q -DskipTests package) and the JDK's jcmd and jstat on the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

minutes=${1:-30}
out=${2:-target/soak}
sample=${3:-30}
agent=agent/target/perfweave-agent.jar
app=sample-app/target/perfweave-sample-app.jar
[[ -f $agent && -f $app ]] || { echo "soak: build first: mvn -B -q -DskipTests package" >&2; exit 2; }
mkdir -p "$out"
out=$(cd "$out" && pwd)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
prometheus_port=$(free_port)
dashboard_port=$(free_port)

java -Xmx256m \
  "-javaagent:$agent=config=sample-app/perfweave.properties,report.json=$out/report.json,prometheus.port=$prometheus_port,dashboard.port=$dashboard_port,report.console=false,log.file=$out/agent.log" \
  -jar "$app" --duration "${minutes}m" --threads 2 > "$out/app.out" 2> "$out/app.err" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT

csv="$out/soak.csv"
echo "seconds,heap_used_kb,old_used_kb,metaspace_used_kb,live_heap_after_full_gc_kb,threads,rss_kb,dropped_records,dashboard_page_status,dashboard_snapshot_status,dashboard_snapshot_sequence,dashboard_snapshot_bytes,dashboard_snapshot_ms,dashboard_probe_status" > "$csv"
dashboard="http://127.0.0.1:$dashboard_port"
snapshot="$out/dashboard-snapshot.json"

# One round of what the dashboard page does in a browser: load the page, fetch the snapshot, then the
# detail of the probe it shows (the busiest). Prints the CSV fields; a request that fails gives status 000.
poll_dashboard() {
  local page snap seq bytes ms busiest probe
  page=$(curl -s -o /dev/null -w '%{http_code}' "$dashboard/") || true
  read -r snap bytes ms < <(curl -s -o "$snapshot" -w '%{http_code} %{size_download} %{time_total}\n' "$dashboard/api/snapshot" \
    | awk '{ printf "%s %s %.1f\n", $1, $2, $3 * 1000 }') || true
  read -r seq busiest < <(python3 -c '
import json, sys
try:
    s = json.load(open(sys.argv[1]))
    probes = sorted(s.get("probes", []), key=lambda p: -p.get("count", 0))
    print(s.get("sequence", ""), probes[0]["name"] if probes else "")
except (OSError, ValueError):
    print("")
' "$snapshot") || true
  probe=""
  if [[ -n ${busiest:-} ]]; then
    probe=$(curl -s -o /dev/null -w '%{http_code}' "$dashboard/api/probes/$busiest") || true
  fi
  echo "${page:-000},${snap:-000},${seq:-},${bytes:-},${ms:-},${probe:-}"
}
start=$(date +%s)
n=0
sleep 5
while kill -0 "$pid" 2>/dev/null; do
  n=$((n + 1))
  live=""
  if (( n % 5 == 0 )); then
    jcmd "$pid" GC.run > /dev/null 2>&1 || true
    live=$(jstat -gc "$pid" 2>/dev/null | awk 'NR==2 { printf "%.0f", $3 + $4 + $6 + $8 }') || live=""
  fi
  read -r heap old meta < <(jstat -gc "$pid" 2>/dev/null | awk 'NR==2 { printf "%.0f %.0f %.0f\n", $3 + $4 + $6 + $8, $8, $10 }') || break
  threads=$(ls "/proc/$pid/task" 2>/dev/null | wc -l)
  rss=$(awk '/VmRSS/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo "")
  dropped=$(curl -s "http://127.0.0.1:$prometheus_port/metrics" | awk '/^perfweave_agent_dropped_records_total/ { print $2 }')
  polled=$(poll_dashboard)
  # The application may end during the poll (it runs for MINUTES): a sample of a JVM going away is not kept.
  kill -0 "$pid" 2>/dev/null || break
  echo "$(( $(date +%s) - start )),$heap,$old,$meta,$live,$threads,$rss,${dropped:-},$polled" >> "$csv"
  sleep "$sample"
done
wait "$pid" || true
trap - EXIT

python3 - "$csv" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
if len(rows) < 4:
    sys.exit("soak: too few samples: " + str(len(rows)))
def series(column):
    return [(float(r["seconds"]), float(r[column])) for r in rows if r[column]]
def slope(points):
    # least-squares growth per hour over the second half of the run
    half = [p for p in points if p[0] >= points[-1][0] / 2]
    if len(half) < 2:
        return float("nan")
    n = len(half); mx = sum(x for x, _ in half) / n; my = sum(y for _, y in half) / n
    sxx = sum((x - mx) ** 2 for x, _ in half)
    return 0.0 if sxx == 0 else sum((x - mx) * (y - my) for x, y in half) / sxx * 3600
print(f"soak: {len(rows)} samples over {rows[-1]['seconds']} s")
print(f"{'column':28} {'first':>12} {'last':>12} {'max':>12} {'growth/h, 2nd half':>20}")
for column in ["heap_used_kb", "old_used_kb", "live_heap_after_full_gc_kb", "metaspace_used_kb", "threads", "rss_kb",
               "dropped_records", "dashboard_snapshot_bytes", "dashboard_snapshot_ms"]:
    points = series(column)
    if not points:
        continue
    ys = [y for _, y in points]
    print(f"{column:28} {ys[0]:12.0f} {ys[-1]:12.0f} {max(ys):12.0f} {slope(points):20.1f}")
# Before the first interval the snapshot has no probe to show, so there is no detail to fetch.
answered = [r for r in rows if r["dashboard_page_status"] == "200" and r["dashboard_snapshot_status"] == "200"
            and r["dashboard_probe_status"] in ("200", "")]
sequences = [int(r["dashboard_snapshot_sequence"]) for r in rows if r["dashboard_snapshot_sequence"]]
print(f"dashboard: {len(answered)} of {len(rows)} polls answered 200 (page, snapshot, probe detail when there is one);"
      f" snapshot sequence {sequences[0] if sequences else '-'} to {sequences[-1] if sequences else '-'}")
EOF
echo "soak: samples in $csv, agent log in $out/agent.log, final report in $out/report.json"
