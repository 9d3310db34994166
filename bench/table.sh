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

PIPE_US=$(p50 CollectorBench.nodeScrapePipelineSynthetic)
HPA_OPS=$(score HpaBench.evaluate)
INGEST_US=$(p50 MetricsApiBench.ingestNodeScrape)
LIST_US=$(p50 MetricsApiBench.listWithSelector)

echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) × $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(java -version 2>&1 | head -1)," \
  "PostgreSQL $(psql -V 2>/dev/null | awk '{print $3}' || echo '?'). Load average (1/5/15 min) before: $LOAD_BEFORE," \
  "after: $LOAD_AFTER — other builds shared the machine, so absolute figures are noisy; compare the ratios taken" \
  "in the same run."
echo
echo "| area | measurement | result | unit | what it means |"
echo "| --- | --- | --- | --- | --- |"
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
echo "| autoscaler | \`Evaluator.evaluate\`, CPU utilization target, 10 pods, status/history carried | $(jmh HpaBench.evaluate) | evaluations/s |" \
  "10,000 autoscalers per 15 s sync = $(calc '%.2f' "10000 / $HPA_OPS") CPU-s ($(calc '%.1f' "10000 / $HPA_OPS / 15 * 100") % of a core) |"
echo "| history | service insert (\`UnnestInsert\`, $(result history.batchRows) rows per statement, ON CONFLICT DO NOTHING) | $(result history.insertRowsPerSecond) | rows/s | container samples, $(result history.rows) rows, best of the repetitions |"
echo "| history | raw \`COPY … FROM STDIN\` of the same rows, same table, same batches | $(result history.copyRowsPerSecond) | rows/s | the limit |"
echo "| history | **insert / COPY** | **$(result history.insertToCopyRatio)** | ratio | same run |"
echo "| history | query 24 h of one pod at 1 m step (pod rollups, 1,440 buckets = 2 pages of the max 1,000; service SQL) | p50 $(result history.query24h1mP50Millis), p99 $(result history.query24h1mP99Millis) | ms | JDBC, no REST layer; $(result history.queryPods) pods × 24 h in the table |"
echo "| load | scalebus: HTTPS scrape + decode + rates + JSON, 64 in flight, back to back, ${NODES} nodes × ${PODS} pods | $(result scalebus.max.scrapesPerSecond) | node scrapes/s |" \
  "$(result scalebus.max.cpuSecondsPer1000Scrapes) CPU-s per 1,000 node scrapes (scraper JVM only; simulator in its own JVM on the same cores); $(result scalebus.max.failed) failed |"
if [[ "$PROM" == 1 ]]; then
  SB=$(result scalebus.paced.cpuSecondsPer1000Scrapes); PR=$(result prometheus.cpuSecondsPer1000Scrapes)
  echo "| load | scalebus: every node every ${INTERVAL} s for ${SECS} s | $SB | CPU-s per 1,000 node scrapes | $(result scalebus.paced.scrapes) scrapes, slowest cycle $(result scalebus.paced.slowestCycleSeconds) s; 5,000 nodes every 15 s ≈ $(calc '%.2f' "$SB * 5000 / 15 / 1000") core |"
  echo "| load | Prometheus $(prometheus --version 2>&1 | head -1 | awk '{print $3}'): same targets, same CA, every ${INTERVAL} s for ${SECS} s | $PR | CPU-s per 1,000 target scrapes | $(result prometheus.scrapes) scrapes, $(result prometheus.up) of $(result prometheus.targets) up; includes its TSDB append; 5,000 targets every 15 s ≈ $(calc '%.2f' "$PR * 5000 / 15 / 1000") core |"
  echo "| load | **scalebus / Prometheus CPU per scrape** | **$(calc '%.2f' "$SB / $PR")** | ratio | same run, same targets |"
else
  echo "| load | Prometheus side by side | not run | | smoke run, BENCH_PROMETHEUS=off, or \`prometheus\` not installed |"
fi
