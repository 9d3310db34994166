#!/usr/bin/env bash
# Regenerates bench/README.md's results table: builds the bench jar (offline, against the installed module jars),
# runs the JMH set with short iterations, the history insert-vs-COPY run, and the load driver (simulated `large`
# scenario in its own JVM, scraped by the collector's client and, when installed, by Prometheus).
#
#   bench/run.sh            full run (~6 min at 500 nodes); writes the table into bench/README.md
#   bench/run.sh --smoke    everything at tiny sizes (< 60 s); writes bench/target/results-smoke.md only;
#                           exits non-zero when any part fails (for CI: `bench/run.sh --smoke`)
#
# Environment: BENCH_NODES (500; the large scenario's 5000 works with ~4 GB for the simulator), BENCH_PODS (30),
# BENCH_SECONDS (30, per load phase), BENCH_INTERVAL (5, scrape interval of the paced phases, s),
# BENCH_PROMETHEUS (auto|off), SCALEBUS_DB_URL (jdbc:postgresql://127.0.0.1:5432/scalebus_test).
# Needs: the module jars in ~/.m2 (a reactor `install`), PostgreSQL, jq; Prometheus is optional.
set -euo pipefail

SMOKE=0
[[ "${1:-}" == "--smoke" ]] && SMOKE=1
BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$BENCH")"
cd "$ROOT"

if ((SMOKE)); then
  NODES=5; PODS=30; SECONDS_PER_PHASE=1; INTERVAL=1
  JMH=(-f 0 -wi 0 -i 1 -r 100ms)
  HISTORY=(5 1 5 1)
  HISTORY_QUERY=(2 5)
  OUT="$BENCH/target/results-smoke.md"
else
  NODES="${BENCH_NODES:-500}"; PODS="${BENCH_PODS:-30}"; SECONDS_PER_PHASE="${BENCH_SECONDS:-30}"
  INTERVAL="${BENCH_INTERVAL:-5}"
  JMH=(-f 1 -wi 3 -w 2s -i 5 -r 2s)
  HISTORY=(200 5 100 3)
  HISTORY_QUERY=(500 200)
  OUT="$BENCH/target/results.md"
fi

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

# rebuild only when the bench sources or the installed module jars changed since the last build
STAMP="$BENCH/target/classpath.txt"
if [[ ! -f "$STAMP" ]] || [[ -n "$(find "$BENCH/pom.xml" "$BENCH/src" ~/.m2/repository/dev/scalebus -newer "$STAMP" \
      \( -name '*.java' -o -name '*.xml' -o -name '*.jar' -o -name '*.prom' -o -name '*.json' \) -print -quit)" ]]; then
  log "building bench (offline)"
  ./mvnw -q -B -f bench/pom.xml package -DskipTests >&2
fi
CP="$BENCH/target/classes:$(cat "$BENCH/target/classpath.txt")"
WORK="$(mktemp -d /tmp/scalebus-bench.XXXXXX)"
SIM_PID=""
cleanup() {
  touch "$WORK/load/stop" 2>/dev/null || true
  if [[ -n "$SIM_PID" ]]; then
    for _ in $(seq 50); do kill -0 "$SIM_PID" 2>/dev/null || break; sleep 0.2; done
    kill "$SIM_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT

log "JMH ${JMH[*]}"
java -cp "$CP" org.openjdk.jmh.Main "${JMH[@]}" -foe true -rf json -rff "$WORK/jmh.json" >"$WORK/jmh.log" 2>&1 \
  || { tail -40 "$WORK/jmh.log" >&2; exit 1; }

log "history: unnest insert vs COPY (${HISTORY[*]})"
java -cp "$CP" dev.scalebus.history.store.HistoryIngestBench "${HISTORY[@]}" >"$WORK/history.log" 2>&1 \
  || { cat "$WORK/history.log" >&2; exit 1; }

log "history: 24 h of one pod at 1 m (${HISTORY_QUERY[*]})"
java -cp "$CP" dev.scalebus.bench.HistoryQueryBench "${HISTORY_QUERY[@]}" >"$WORK/history-query.log" 2>&1 \
  || { cat "$WORK/history-query.log" >&2; exit 1; }

log "load: simulator ${NODES} nodes x ${PODS} pods"
mkdir -p "$WORK/load"
SIM_HEAP=$(( NODES > 1000 ? 4096 : 1536 ))
java -Xmx${SIM_HEAP}m -cp "$CP" dev.scalebus.bench.load.SimulatorHost "$ROOT/cluster-simulator/scenarios/large.yaml" \
  "$NODES" "$PODS" "$WORK/load" >"$WORK/sim.log" 2>&1 &
SIM_PID=$!
for _ in $(seq 600); do
  grep -q READY "$WORK/sim.log" 2>/dev/null && break
  kill -0 "$SIM_PID" 2>/dev/null || { tail -30 "$WORK/sim.log" >&2; exit 1; }
  sleep 0.2
done
grep READY "$WORK/sim.log" >&2 || { log "simulator not ready"; tail -30 "$WORK/sim.log" >&2; exit 1; }

WARMUP=$(( SMOKE ? 1 : (10000 + NODES - 1) / NODES < 2 ? 2 : (10000 + NODES - 1) / NODES ))  # ~10,000 scrapes before measuring: TLS handshakes, JIT
log "scalebus: back-to-back scrapes for ${SECONDS_PER_PHASE}s"
java -cp "$CP" dev.scalebus.bench.load.ScrapeDriver "$WORK/load" "$SECONDS_PER_PHASE" 0 64 "$WARMUP" \
  >"$WORK/scrape-max.log" 2>&1 || { cat "$WORK/scrape-max.log" >&2; exit 1; }
PROM=0
if ((SMOKE == 0)) && [[ "${BENCH_PROMETHEUS:-auto}" != off ]] && command -v prometheus >/dev/null; then PROM=1; fi
if ((PROM)); then
  log "scalebus: one scrape of every node every ${INTERVAL}s for ${SECONDS_PER_PHASE}s"
  java -cp "$CP" dev.scalebus.bench.load.ScrapeDriver "$WORK/load" "$SECONDS_PER_PHASE" "$INTERVAL" 64 "$WARMUP" \
    >"$WORK/scrape-paced.log" 2>&1 || { cat "$WORK/scrape-paced.log" >&2; exit 1; }
  log "prometheus $(prometheus --version 2>&1 | head -1 | awk '{print $3}'): same targets every ${INTERVAL}s"
  java -cp "$CP" dev.scalebus.bench.load.PrometheusDriver "$WORK/load" "$SECONDS_PER_PHASE" "$INTERVAL" \
    >"$WORK/prometheus.log" 2>&1 || { cat "$WORK/prometheus.log" "$WORK/load/prometheus.log" >&2; exit 1; }
fi
cleanup
SIM_PID=""
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

log "writing $OUT"
bash "$BENCH/table.sh" "$WORK" "$NODES" "$PODS" "$SECONDS_PER_PHASE" "$INTERVAL" "$PROM" "$LOAD_BEFORE" "$LOAD_AFTER" \
  >"$OUT"
if ((SMOKE == 0)); then
  # replace the block between the markers in README.md
  awk -v table="$OUT" '
    /<!-- results:start -->/ { print; while ((getline line < table) > 0) print line; skip=1; next }
    /<!-- results:end -->/ { skip=0 }
    !skip { print }' "$BENCH/README.md" >"$WORK/README.md"
  cp "$WORK/README.md" "$BENCH/README.md"
fi
cat "$OUT"
rm -rf "$WORK"
