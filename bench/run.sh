#!/usr/bin/env bash
# Regenerates bench/README.md's results table: builds the bench jar (offline, against the installed module jars),
# runs the JMH set with short iterations, the history insert-vs-COPY run, the load driver (simulated `large`
# scenario in its own JVM, scraped by the collector's client and, when installed, by Prometheus) and the stack
# phases (bench/stack.sh: the real collector, metrics API and autoscaler on the simulator and the shared broker:
# freshness, the metrics API under wrk, the autoscaler's reaction time beside a model of the upstream HPA).
#
#   bench/run.sh            full run (~20 min at 500 nodes); writes the table into bench/README.md when every phase ran
#   bench/run.sh --smoke    everything at tiny sizes (< 90 s); writes bench/target/results-smoke.md only;
#                           exits non-zero when any part fails (for CI: `bench/run.sh --smoke`)
#
# Environment: BENCH_NODES (500; the large scenario's 5000 works with ~4 GB for the simulator), BENCH_PODS (30),
# BENCH_SECONDS (30, per load phase), BENCH_INTERVAL (5, scrape interval of the paced phases, s),
# BENCH_PROMETHEUS (auto|off), BENCH_PHASES ("jmh history load stack"; a subset writes bench/target/results.md only),
# BENCH_STACK_NODES (100), BENCH_FRESHNESS_SECONDS (120), BENCH_WRK_SECONDS (15), BENCH_REACTION_REPEATS (5),
# BENCH_APPS (the tree whose <module>/target/quarkus-app are run; default this one),
# SCALEBUS_DB_URL (jdbc:postgresql://127.0.0.1:5432/scalebus_test), SCALEBUS_KAFKA_BOOTSTRAP (127.0.0.1:9092).
# Needs: the module jars in ~/.m2 and the services' target/quarkus-app (a reactor `install`), PostgreSQL, the Kafka
# broker (./scalebus kafka start), jq, curl, wrk (installed here when missing and allowed); Prometheus is optional.
set -euo pipefail

SMOKE=0
[[ "${1:-}" == "--smoke" ]] && SMOKE=1
BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$BENCH")"
cd "$ROOT"

PHASES=" ${BENCH_PHASES:-jmh history load stack} "
WRK_THREADS=2
if ((SMOKE)); then
  NODES=5; PODS=30; SECONDS_PER_PHASE=1; INTERVAL=1
  JMH=(-f 0 -wi 0 -i 1 -r 100ms)
  HISTORY=(5 1 5 1)
  HISTORY_QUERY=(2 5)
  STACK_SCENARIO="$BENCH/scenarios/stack-smoke.yaml"; STACK_WIDE=50   # pods of the Deployment wide in it
  STACK_NODES=5; STACK_SIM_HEAP=512m; STACK_RESOLUTION=2; FRESH_SECONDS=3; FRESH_POLL_MILLIS=100; FRESH_PODS_EVERY=5
  WRK_SECONDS=1; WRK_CONNECTIONS=4
  REACTION_RESOLUTION=2; REACTION_SYNC=2; REACTION_REPEATS=1; MODEL_TRIALS=20000
  STACK_OVERLAP=1   # the seed stack starts while the first one does: one start-up less
  OUT="$BENCH/target/results-smoke.md"
else
  NODES="${BENCH_NODES:-500}"; PODS="${BENCH_PODS:-30}"; SECONDS_PER_PHASE="${BENCH_SECONDS:-30}"
  INTERVAL="${BENCH_INTERVAL:-5}"
  JMH=(-f 1 -wi 3 -w 2s -i 5 -r 2s)
  HISTORY=(200 5 100 3)
  HISTORY_QUERY=(500 200)
  STACK_SCENARIO="$BENCH/scenarios/stack.yaml"; STACK_WIDE=1000
  STACK_NODES="${BENCH_STACK_NODES:-100}"; STACK_SIM_HEAP=1536m; STACK_RESOLUTION=15
  FRESH_SECONDS="${BENCH_FRESHNESS_SECONDS:-120}"; FRESH_POLL_MILLIS=100; FRESH_PODS_EVERY=10
  WRK_SECONDS="${BENCH_WRK_SECONDS:-15}"; WRK_CONNECTIONS=16
  REACTION_RESOLUTION=15; REACTION_SYNC=15; REACTION_REPEATS="${BENCH_REACTION_REPEATS:-5}"; MODEL_TRIALS=200000
  STACK_OVERLAP=0
  OUT="$BENCH/target/results.md"
fi
phase() { [[ "$PHASES" == *" $1 "* ]]; }

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
# shellcheck source=bench/stack.sh
source "$BENCH/stack.sh"
cleanup() {
  touch "$WORK/load/stop" 2>/dev/null || true
  if [[ -n "$SIM_PID" ]]; then
    for _ in $(seq 50); do kill -0 "$SIM_PID" 2>/dev/null || break; sleep 0.2; done
    kill "$SIM_PID" 2>/dev/null || true
  fi
  stack_cleanup
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if phase stack && ! command -v wrk >/dev/null; then
  # Debian's wrk, installed like ./scalebus installs jq: only when we may
  if [[ "$(id -u)" -eq 0 ]]; then
    log "installing Debian's wrk"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null 2>&1 \
      || { DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
           DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null; }
  elif sudo -n true 2>/dev/null; then
    log "installing Debian's wrk"; sudo -n apt-get install -y -qq --no-install-recommends wrk >/dev/null
  else
    log "wrk is missing: run 'sudo apt-get install --no-install-recommends wrk'"; exit 1
  fi
fi

if phase jmh; then
  log "JMH ${JMH[*]}"
  java -cp "$CP" org.openjdk.jmh.Main "${JMH[@]}" -foe true -rf json -rff "$WORK/jmh.json" >"$WORK/jmh.log" 2>&1 \
    || { tail -40 "$WORK/jmh.log" >&2; exit 1; }
fi

if phase history; then
  log "history: unnest insert vs COPY (${HISTORY[*]})"
  java -cp "$CP" dev.scalebus.history.store.HistoryIngestBench "${HISTORY[@]}" >"$WORK/history.log" 2>&1 \
    || { cat "$WORK/history.log" >&2; exit 1; }

  log "history: 24 h of one pod at 1 m (${HISTORY_QUERY[*]})"
  java -cp "$CP" dev.scalebus.bench.HistoryQueryBench "${HISTORY_QUERY[@]}" >"$WORK/history-query.log" 2>&1 \
    || { cat "$WORK/history-query.log" >&2; exit 1; }
fi

PROM=0
if phase load; then
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
fi

if phase stack; then
  log "stack: freshness and wrk (simulator ${STACK_NODES} nodes x 30 pods + ${STACK_WIDE} app=wide pods in bench-wide, collector, metrics API),"
  log "       reaction (seed-ab-load, collector, autoscaler)"
  stack_run || { log "a stack phase failed; logs in $WORK"; exit 1; }
  # the upstream HPA's timing (and scalebus's) modelled on the same workload; pipeline latency = measured freshness
  PIPELINE_MS=$(awk '$1 == "RESULT" && $2 == "freshness.nodes.p50Millis" { print $3 }' "$WORK/freshness.log")
  log "model: upstream HPA vs scalebus reaction, ${MODEL_TRIALS} random phases"
  java -cp "$CP" dev.scalebus.bench.model.ReactionModel 15 15 10 "${PIPELINE_MS:-300}" "$MODEL_TRIALS" \
    >"$WORK/model.log" 2>&1 || { cat "$WORK/model.log" >&2; exit 1; }
fi
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

log "writing $OUT"
bash "$BENCH/table.sh" "$WORK" "$NODES" "$PODS" "$SECONDS_PER_PHASE" "$INTERVAL" "$PROM" "$LOAD_BEFORE" "$LOAD_AFTER" \
  >"$OUT"
if ((SMOKE == 0)) && [[ "$PHASES" == " jmh history load stack " ]]; then
  # replace the block between the markers in README.md
  awk -v table="$OUT" '
    /<!-- results:start -->/ { print; while ((getline line < table) > 0) print line; skip=1; next }
    /<!-- results:end -->/ { skip=0 }
    !skip { print }' "$BENCH/README.md" >"$WORK/README.md"
  cp "$WORK/README.md" "$BENCH/README.md"
elif ((SMOKE == 0)); then
  log "BENCH_PHASES=${BENCH_PHASES}: a partial run, README.md left as it is"
fi
cat "$OUT"
rm -rf "$WORK"
