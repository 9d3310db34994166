#!/usr/bin/env bash
# Writes the markdown results table from one run's outputs (called by run.sh).
# Args: workDir nodes podsPerNode secondsPerPhase intervalSeconds prometheusRan loadBefore loadAfter
set -euo pipefail
W="$1"; NODES="$2"; PODS="$3"; SECS="$4"; INTERVAL="$5"; PROM="$6"; LOAD_BEFORE="$7"; LOAD_AFTER="$8"

# score of one JMH benchmark (short name Class.method), and its error
score() { jq -r --arg b "dev.scalebus.bench.$1" '.[] | select(.benchmark == $b) | .primaryMetric.score' "$W/jmh.json"; }
err() { jq -r --arg b "dev.scalebus.bench.$1" '.[] | select(.benchmark == $b) | .primaryMetric.scoreError' "$W/jmh.json"; }
fmt() { # value ± error, 3 significant digits; error "NaN" (one iteration) is left out
  awk -v v="$1" -v e="$2" '
    function f(x) { return x >= 100 ? sprintf("%.0f", x) : x >= 10 ? sprintf("%.1f", x) : sprintf("%.2f", x) }
    BEGIN { if (e == "NaN" || e == "") print f(v); else print f(v) " ± " f(e) }'
}
p50() { jq -r --arg b "dev.scalebus.bench.$1" '.[] | select(.benchmark == $b) | .primaryMetric.scorePercentiles["50.0"]' "$W/jmh.json"; }
mode() { jq -r --arg b "dev.scalebus.bench.$1" '.[] | select(.benchmark == $b) | .mode' "$W/jmh.json"; }
# sampled benchmarks: the median first (robust on a busy machine), then the mean with its 99.9 % error
jmh() {
  if [[ "$(mode "$1")" == sample ]]; then
    echo "p50 $(fmt "$(p50 "$1")" "") (mean $(fmt "$(score "$1")" "$(err "$1")"))"
  else
    fmt "$(score "$1")" "$(err "$1")"
  fi
}
result() { # RESULT key value from the logs
  local v
  v=$(cat "$W"/*.log 2>/dev/null | awk -v k="$1" '$1 == "RESULT" && $2 == k { print $3 }' | tail -1)
  echo "${v:-n/a}"
}
calc() { awk "BEGIN { printf \"$1\", $2 }"; }

# Whether other work shared the machine when the run started: a 1-minute load above 1 on top of the bench's own.
busy_note() {
  if awk -v l="${LOAD_BEFORE%% *}" 'BEGIN { exit !(l + 0 > 1) }'; then
    echo "other work shared the machine, so absolute figures are noisy;"
  else
    echo "a quiet machine, but the bench's own JVMs (simulator, services, broker, PostgreSQL) share its cores;"
  fi
}
ran() { [[ -f "$W/$1" ]]; }   # whether a phase left its output

echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) × $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(java -version 2>&1 | head -1)," \
  "PostgreSQL $(psql -V 2>/dev/null | awk '{print $3}' || echo '?'). Load average (1/5/15 min) before: $LOAD_BEFORE," \
  "after: $LOAD_AFTER — $(busy_note) compare the ratios taken in the same run."
echo
echo "| area | measurement | result | unit | what it means |"
echo "| --- | --- | --- | --- | --- |"
if ran jmh.json; then
  PIPE_US=$(p50 CollectorBench.nodeScrapePipelineSynthetic)
  FLEET_OPS=$(score HpaFleetBench.evaluate)
  INGEST_US=$(p50 MetricsApiBench.ingestNodeScrape)
  LIST_US=$(p50 MetricsApiBench.listWithSelector)
  echo "| collector | decode real \`/metrics/resource\` (kind-worker, 12 containers) | $(jmh CollectorBench.decodeMetricsResourceKindWorker) | µs/op | JMH, one thread; derived figures use the p50 |"
  echo "| collector | decode real \`/stats/summary\` (v1.35 minikube, 17 pods, 90 KB) | $(jmh CollectorBench.decodeStatsSummary135) | µs/op | |"
  echo "| collector | decode synthetic 30-pod \`/metrics/resource\` | $(jmh CollectorBench.decodeMetricsResourceSynthetic) | µs/op | |"
  echo "| collector | decode + rates + enrichment + NodeScrape JSON, 30-pod node | $(jmh CollectorBench.nodeScrapePipelineSynthetic) | µs/op |" \
    "$(calc '%.3f' "$PIPE_US / 1000") CPU-s per 1,000 node scrapes (no network); 5,000 nodes every 15 s = $(calc '%.2f' "$PIPE_US * 5000 / 15 / 1e6") core |"
  echo "| events | \`Quantity.ofNanoCores(n).toString()\` | $(jmh QuantityBench.formatCpuNanoCores) | ns/op | |"
  echo "| events | \`Quantity.ofBytes(n).toString()\` | $(jmh QuantityBench.formatMemoryBytes) | ns/op | |"
  echo "| events | \`Quantity.parse(\"250m\")\` | $(jmh QuantityBench.parseMilliCores) | ns/op | |"
  echo "| metrics-api | window ingest of one NodeScrape (30 pods) | $(jmh MetricsApiBench.ingestNodeScrape) | µs/op |" \
    "5,000 nodes every 15 s = $(calc '%.1f' "$INGEST_US * 5000 / 15 / 1e4") % of a core |"
  echo "| metrics-api | list namespace of 1,020 pods with \`app in (web-1,web-3),tier=backend\` (102 match) → JSON | $(jmh MetricsApiBench.listWithSelector) | µs/op |" \
    "$(calc '%.0f' "1e6 / $LIST_US") lists/s per core (window + selector + encoding; no HTTP/TLS) |"
  echo "| metrics-api | get one pod → JSON | $(jmh MetricsApiBench.getOnePod) | µs/op | |"
  echo "| autoscaler | \`Evaluator.evaluate\`, CPU utilization target, 10 pods, status/history carried | $(jmh HpaBench.evaluate) | evaluations/s | one autoscaler, always in the CPU caches |"
  echo "| autoscaler | \`Evaluator.evaluate\` over 10,000 distinct autoscalers in turn (1–10 pods, targets 50–80 %, each its own status/history) | $(jmh HpaFleetBench.evaluate) | evaluations/s |" \
    "10,000 autoscalers per 15 s sync = $(calc '%.2f' "10000 / $FLEET_OPS") CPU-s ($(calc '%.1f' "10000 / $FLEET_OPS / 15 * 100") % of a core) |"
else
  echo "| JMH | collector, events, metrics-api and autoscaler micro-benchmarks | not run | | BENCH_PHASES without jmh |"
fi
if ran history.log; then
  echo "| history | service insert (\`UnnestInsert\`, $(result history.batchRows) rows per statement, ON CONFLICT DO NOTHING) | $(result history.insertRowsPerSecond) | rows/s | container samples, $(result history.rows) rows, best of the repetitions |"
  echo "| history | raw \`COPY … FROM STDIN\` of the same rows, same table, same batches | $(result history.copyRowsPerSecond) | rows/s | the limit |"
  echo "| history | **insert / COPY** | **$(result history.insertToCopyRatio)** | ratio | same run |"
  echo "| history | query 24 h of one pod at 1 m step (pod rollups, 1,440 buckets = 2 pages of the max 1,000; service SQL) | p50 $(result history.query24h1mP50Millis), p99 $(result history.query24h1mP99Millis) | ms | JDBC, no REST layer; $(result history.queryPods) pods × 24 h in the table |"
else
  echo "| history | insert vs COPY, 24 h query | not run | | BENCH_PHASES without history |"
fi
if ran scrape-max.log; then
  echo "| load | scalebus: HTTPS scrape + decode + rates + JSON, 64 in flight, back to back, ${NODES} nodes × ${PODS} pods | $(result scalebus.max.scrapesPerSecond) | node scrapes/s |" \
    "$(result scalebus.max.cpuSecondsPer1000Scrapes) CPU-s per 1,000 node scrapes (scraper JVM only; simulator in its own JVM on the same cores); $(result scalebus.max.failed) failed |"
fi
if [[ "$PROM" == 1 ]]; then
  SB=$(result scalebus.paced.cpuSecondsPer1000Scrapes); PR=$(result prometheus.cpuSecondsPer1000Scrapes)
  echo "| load | scalebus: every node every ${INTERVAL} s for ${SECS} s | $SB | CPU-s per 1,000 node scrapes | $(result scalebus.paced.scrapes) scrapes, slowest cycle $(result scalebus.paced.slowestCycleSeconds) s; 5,000 nodes every 15 s ≈ $(calc '%.2f' "$SB * 5000 / 15 / 1000") core |"
  echo "| load | Prometheus $(prometheus --version 2>&1 | head -1 | awk '{print $3}'): same targets, same CA, every ${INTERVAL} s for ${SECS} s | $PR | CPU-s per 1,000 target scrapes | $(result prometheus.scrapes) scrapes, $(result prometheus.up) of $(result prometheus.targets) up; includes its TSDB append; 5,000 targets every 15 s ≈ $(calc '%.2f' "$PR * 5000 / 15 / 1000") core |"
  echo "| load | **scalebus / Prometheus CPU per scrape** | **$(calc '%.2f' "$SB / $PR")** | ratio | same run, same targets |"
else
  echo "| load | Prometheus side by side | not run | | smoke run, BENCH_PROMETHEUS=off, \`prometheus\` not installed or BENCH_PHASES without load |"
fi
if ran freshness.log; then
  STACK="$(result stack.nodes) nodes × 30 pods + $(result stack.namespacePods) pods in bench-wide ($(result stack.pods) pods served), collector and metrics API at $(result stack.resolutionSeconds) s resolution"
  echo "| e2e | freshness of nodes: kubelet counter timestamp → first served by \`/apis/metrics.k8s.io/v1beta1/nodes\` | p50 $(result freshness.nodes.p50Millis), p99 $(result freshness.nodes.p99Millis) (max $(result freshness.nodes.maxMillis)) | ms |" \
    "$(result freshness.nodes.samples) samples; of it kubelet → published to Kafka by the collector p50 $(result freshness.nodes.publishedP50Millis), p99 $(result freshness.nodes.publishedP99Millis) ms; polled every $(result freshness.nodes.pollMillis) ms (a sample is late by up to one poll); $STACK |"
  echo "| e2e | freshness of pods: the same, \`/apis/metrics.k8s.io/v1beta1/pods\` (all pods) | p50 $(result freshness.pods.p50Millis), p99 $(result freshness.pods.p99Millis) (max $(result freshness.pods.maxMillis)) | ms |" \
    "$(result freshness.pods.samples) samples; polled every $(result freshness.pods.pollMillis) ms |"
  WRK="wrk, $(result wrk.connections) connections, plain HTTP, authentication off"
  echo "| metrics-api | \`wrk\` GET one pod | p50 $(result wrk.pod.p50Millis), p99 $(result wrk.pod.p99Millis) ms; $(result wrk.pod.requestsPerSecond) req/s | ms, req/s | $WRK |"
  echo "| metrics-api | \`wrk\` GET namespace bench-wide \`labelSelector=app=wide\` ($(result wrk.list.items) of its $(result stack.namespacePods) pods) | p50 $(result wrk.list.p50Millis), p99 $(result wrk.list.p99Millis) ms; $(result wrk.list.requestsPerSecond) req/s | ms, req/s | |"
  echo "| metrics-api | \`wrk\` GET all nodes ($(result wrk.nodes.items)) | p50 $(result wrk.nodes.p50Millis), p99 $(result wrk.nodes.p99Millis) ms; $(result wrk.nodes.requestsPerSecond) req/s | ms, req/s | |"
else
  echo "| e2e, metrics-api | freshness, \`wrk\` | not run | | BENCH_PHASES without stack |"
fi
if ran reaction.log; then
  echo "| autoscaler | **reaction, measured**: load step (0 → 400 req/s on yuchao/eladmin-web) → first /scale call (1 → 2 or 3: a window only partly after the step can ask for 2), seed-ab-load, real collector + autoscaler | **p50 $(result reaction.p50Seconds)** (min $(result reaction.minSeconds), max $(result reaction.maxSeconds)) | s |" \
    "$(result reaction.repeats) steps at random phases of the $(result reaction.resolutionSeconds) s scrape loop; counter read at the scrape (simulated kubelets) |"
  m() { echo "p50 $(result "model.$1.$2.p50Seconds"), p99 $(result "model.$1.$2.p99Seconds")"; }
  echo "| autoscaler | reaction, model, counter read at the scrape (as measured): scalebus (scrape every 15 s, evaluation on arrival) | $(m scalebus counterAtScrape) | s | Monte Carlo over random phases; checks the measured row |"
  echo "| autoscaler | reaction, model, counter read at the scrape: upstream (metrics-server every 15 s, HPA sync every 15 s) | $(m upstream counterAtScrape) | s | |"
  echo "| autoscaler | reaction, model, cAdvisor housekeeping every 10 s: scalebus | $(m scalebus cadvisor) | s | a real kubelet serves cAdvisor's latest sample |"
  echo "| autoscaler | reaction, model, cAdvisor housekeeping every 10 s: upstream HPA | $(m upstream cadvisor) | s | |"
  echo "| autoscaler | **upstream / scalebus reaction (model, p50)** | **$(calc '%.2f' "$(result model.upstream.cadvisor.p50Seconds) / $(result model.scalebus.cadvisor.p50Seconds)")** | ratio | with cAdvisor; $(calc '%.2f' "$(result model.upstream.counterAtScrape.p50Seconds) / $(result model.scalebus.counterAtScrape.p50Seconds)") with the counter read at the scrape |"
fi
