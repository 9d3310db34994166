# Sourced by bench/run.sh: the stack phases, with the real services (their packaged quarkus-app, run as
# `./scalebus up` runs them) on cluster-simulator's API server and kubelets and the shared Kafka broker.
#   fresh  bench/scenarios/stack.yaml + collector-service + metrics-api-service: end-to-end freshness
#          (FreshnessDriver), then the metrics API under wrk (one pod, 1,000 pods by label, all nodes)
#   seed   seed-ab-load + seed 000's autoscaler + collector-service + autoscaler-service: reaction time from the
#          load step to the /scale call (ReactionDriver)
# stack_run runs both: one after the other, or (STACK_OVERLAP=1, the smoke run, whose numbers mean nothing) both
# at once, to save time. Every process started here is recorded and stopped by
# stack_stop (stack_cleanup on run.sh's EXIT trap); the run's topics (bench-<id>.*) are created here and deleted
# at the end. The broker itself is never touched.
# Needs from run.sh: ROOT, BENCH, WORK, CP, log() and the STACK_*/FRESH_*/WRK_*/REACTION_* settings.

STACK_PROCS=()     # "group kind pid dir" of every JVM started (kind: sim or service)
STACK_TOPICS=()    # topics created for this run
STACK_PORTS=()
KAFKA="${SCALEBUS_KAFKA_BOOTSTRAP:-127.0.0.1:9092}"
APPS_FROM="${BENCH_APPS:-$ROOT}"   # where <module>/target/quarkus-app is taken from

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() { # a port nothing listens on and this run has not handed out
  # below the kernel's ephemeral range (32768-60999): with thousands of kubelet connections open, a free port up
  # there can be taken by an outgoing connection before the service binds it
  local p
  for _ in $(seq 100); do
    p=$((20000 + RANDOM % 12000))
    [[ " ${STACK_PORTS[*]} " == *" $p "* ]] && continue
    port_open "$p" && continue
    STACK_PORTS+=("$p"); echo "$p"; return 0
  done
  return 1
}

# app NAME: the run's copy of NAME's quarkus-app (a rebuild during the run must not replace jars under a live JVM)
app() {
  local built="$APPS_FROM/$1/target/quarkus-app"
  if [[ ! -d "$WORK/apps/$1" ]]; then
    [[ -f "$built/quarkus-run.jar" ]] || { log "$built/quarkus-run.jar is missing: build the modules first (./mvnw -o install -DskipTests)"; return 1; }
    mkdir -p "$WORK/apps"; cp -R "$built" "$WORK/apps/$1"
  fi
  echo "$WORK/apps/$1/quarkus-run.jar"
}

# start_service GROUP NAME LOG [ENV=VALUE ...] -- [java options ...]
start_service() {
  local group="$1" name="$2" logfile="$3"; shift 3
  local env=() jar
  while [[ $# -gt 0 && "$1" != "--" ]]; do env+=("$1"); shift; done
  shift
  jar="$(app "$name")" || return 1
  ( cd "$WORK" && exec env "${env[@]}" java -Xmx512m "$@" -jar "$jar" ) >"$logfile" 2>&1 &
  STACK_PROCS+=("$group service $! -")
  log "started $name (pid $!, log $(basename "$logfile"))"
}

# launch_sim GROUP DIR HEAP SCENARIO NODES PODS [SimulatorHost options]: starts SimulatorHost (await_sim waits)
launch_sim() {
  local group="$1" dir="$2" heap="$3"; shift 3
  mkdir -p "$dir"
  java -Xmx"$heap" -cp "$CP" dev.scalebus.bench.load.SimulatorHost "$1" "$2" "$3" "$dir" "${@:4}" >"$dir.out" 2>&1 &
  STACK_PROCS+=("$group sim $! $dir")
}

await_sim() { # DIR: until its SimulatorHost printed READY
  local pid
  pid=$(printf '%s\n' "${STACK_PROCS[@]}" | awk -v d="$1" '$2 == "sim" && $4 == d { print $3 }')
  for _ in $(seq 900); do
    grep -q READY "$1.out" 2>/dev/null && { log "simulator: $(grep READY "$1.out")"; return 0; }
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  tail -30 "$1.out" >&2; log "simulator in $1 not ready"; return 1
}

# await_url URL SECONDS WHAT: until URL answers 2xx
await_url() {
  local deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    curl -sf -o /dev/null --max-time 3 "$1" && return 0
    sleep 0.5
  done
  log "$3 not ready within $2 s ($1)"; return 1
}

create_topics() { # TOPIC...
  java -cp "$CP" dev.scalebus.bench.load.KafkaTopics "$KAFKA" create 6 "$@" >>"$WORK/topics.out" 2>&1 \
    || { cat "$WORK/topics.out" >&2; return 1; }
  STACK_TOPICS+=("$@")
}

# stack_stop [GROUP]: services first (they hold connections to the simulator), then simulators; all when no group
stack_stop() {
  local entry group kind pid dir keep=()
  for entry in "${STACK_PROCS[@]}"; do
    read -r group kind pid dir <<<"$entry"
    [[ -n "${1:-}" && "$group" != "$1" ]] && continue
    if [[ "$kind" == sim ]]; then touch "$dir/stop" 2>/dev/null || true; else kill "$pid" 2>/dev/null || true; fi
  done
  for entry in "${STACK_PROCS[@]}"; do
    read -r group kind pid dir <<<"$entry"
    if [[ -n "${1:-}" && "$group" != "$1" ]]; then keep+=("$entry"); continue; fi
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  STACK_PROCS=("${keep[@]}")
}

stack_cleanup() {
  stack_stop
  if ((${#STACK_TOPICS[@]})); then
    java -cp "$CP" dev.scalebus.bench.load.KafkaTopics "$KAFKA" delete 0 "${STACK_TOPICS[@]}" >/dev/null 2>&1 || true
    STACK_TOPICS=()
  fi
}

kubelet_timeout() { awk -v r="$1" 'BEGIN { t = r * 0.9; print (t < 10 ? t : 10) }'; } # collector: <= 0.9 x resolution

# start_collector GROUP LOG SIMDIR RESOLUTION TOPIC: scrapes the simulator's kubelets, as ./scalebus up starts it.
# Every service gets a free management port too (/q/health, /q/metrics): the defaults (908x) are ./scalebus up's.
start_collector() {
  local port mgmt; port=$(free_port); mgmt=$(free_port)
  start_service "$1" collector-service "$2" KUBECONFIG="$3/kubeconfig" SCALEBUS_KAFKA_BOOTSTRAP="$KAFKA" -- \
    -Dquarkus.http.port="$port" -Dquarkus.management.port="$mgmt" -Dscalebus.collector.metric-resolution="$4s" \
    -Dscalebus.collector.kubelet-request-timeout="$(kubelet_timeout "$4")s" \
    -Dscalebus.collector.kubelet-certificate-authority="$3/ca.pem" \
    -Dscalebus.collector.kubelet-preferred-address-types=InternalIP,Hostname \
    -Dscalebus.collector.token-file="$3/no-token" \
    "-Dmp.messaging.outgoing.\"scalebus.node-scrapes\".topic=$5" || return 1
  echo "$mgmt" >"$3.collector-management-port"
}

# wrk_get NAME URL: GET latency p50/p99 (ms) and requests/s; fails on socket errors or non-2xx answers
wrk_get() {
  local out="$WORK/wrk-$1.out"
  wrk -t "$WRK_THREADS" -c "$WRK_CONNECTIONS" -d "${WRK_SECONDS}s" --latency "$2" >"$out" 2>&1 || { cat "$out" >&2; return 1; }
  if grep -q 'Non-2xx\|Socket errors' "$out"; then cat "$out" >&2; log "wrk $1: errors"; return 1; fi
  awk -v n="$1" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    $1 == "50%" { printf "RESULT wrk.%s.p50Millis %.2f\n", n, ms($2) }
    $1 == "99%" { printf "RESULT wrk.%s.p99Millis %.2f\n", n, ms($2) }
    $1 == "Requests/sec:" { printf "RESULT wrk.%s.requestsPerSecond %.0f\n", n, $2 }' "$out"
}

fresh_launch() {
  FRESH_DIR="$WORK/stack"; FRESH_TOPIC="bench-$(date +%s)-$RANDOM.node-scrapes"
  create_topics "$FRESH_TOPIC" || return 1
  launch_sim fresh "$FRESH_DIR" "$STACK_SIM_HEAP" "$STACK_SCENARIO" "$STACK_NODES" 30
}

fresh_start() {
  local dir="$FRESH_DIR" res="$STACK_RESOLUTION" https
  await_sim "$dir" || return 1
  start_collector fresh "$WORK/collector-fresh.out" "$dir" "$res" "$FRESH_TOPIC" || return 1
  FRESH_HTTP=$(free_port); https=$(free_port)
  # local run: the simulator answers no TokenReview/SubjectAccessReview, so authn/authz is off, as in ./scalebus up
  start_service fresh metrics-api-service "$WORK/metrics-api.out" KUBECONFIG="$dir/kubeconfig" SCALEBUS_KAFKA_BOOTSTRAP="$KAFKA" -- \
    -Dquarkus.http.port="$FRESH_HTTP" -Dquarkus.http.ssl-port="$https" -Dquarkus.management.port="$(free_port)" \
    -Dscalebus.metrics-api.authentication.enabled=false -Dscalebus.metrics-api.tls.cert-dir="$WORK/metrics-api-tls" \
    -Dscalebus.metrics-api.metric-resolution="${res}s" -Dscalebus.metrics-api.topic="$FRESH_TOPIC"
}

fresh_measure() {
  local dir="$FRESH_DIR" res="$STACK_RESOLUTION" api="http://127.0.0.1:$FRESH_HTTP/apis/metrics.k8s.io/v1beta1"
  await_url "http://127.0.0.1:$(cat "$dir.collector-management-port")/q/health/ready" 240 collector-service || return 1
  await_url "http://127.0.0.1:$FRESH_HTTP/readyz" 240 metrics-api-service || return 1
  # every Ready pod of the wide Deployment served (two scrapes give a rate): then the window is complete. The
  # simulator may hold a few less than 1,000: a generated pod name that collides is not retried (cluster-simulator)
  local deadline=$((SECONDS + 180 + 3 * res)) wide=0 ready=0 kube tolerance=$((STACK_WIDE / 200))
  kube="$(cat "$dir/api-url")/api/v1/namespaces/bench-wide/pods?labelSelector=app%3Dwide"
  while ((SECONDS < deadline)); do
    ready=$(curl -sf --max-time 10 "$kube" | jq '[.items[] | select(any(.status.conditions[]?; .type == "Ready" and .status == "True"))] | length' || echo 0)
    wide=$(curl -sf --max-time 10 "$api/namespaces/bench-wide/pods?labelSelector=app%3Dwide" | jq '.items | length' || echo 0)
    ((ready >= STACK_WIDE - tolerance && wide >= ready)) && break
    sleep 0.5
  done
  ((ready >= STACK_WIDE - tolerance && wide >= ready)) \
    || { log "the metrics API serves $wide wide pods, the API server has $ready of $STACK_WIDE Ready"; return 1; }
  ((ready >= STACK_WIDE)) || log "the simulator holds $ready of the $STACK_WIDE wide pods (pod name collision)"
  log "freshness: polling the metrics API for ${FRESH_SECONDS}s (resolution ${res}s)"
  java -cp "$CP" dev.scalebus.bench.load.FreshnessDriver "http://127.0.0.1:$FRESH_HTTP" "$KAFKA" "$FRESH_TOPIC" \
    "$FRESH_SECONDS" "$FRESH_POLL_MILLIS" "$FRESH_PODS_EVERY" >"$WORK/freshness.log" 2>&1 \
    || { cat "$WORK/freshness.log" >&2; return 1; }
  grep -v 'RESULT\|SLF4J' "$WORK/freshness.log" >&2 || true
  local pod
  pod=$(curl -sf "$api/namespaces/bench-wide/pods?labelSelector=app%3Dwide" | jq -r '.items[0].metadata.name')
  {
    echo "RESULT wrk.list.items $wide"
    echo "RESULT wrk.nodes.items $(curl -sf "$api/nodes" | jq '.items | length')"
    echo "RESULT stack.nodes $STACK_NODES"
    echo "RESULT stack.namespacePods $(curl -sf "$api/namespaces/bench-wide/pods" | jq '.items | length')"
    echo "RESULT stack.pods $(curl -sf "$api/pods" | jq '.items | length')"
    echo "RESULT stack.resolutionSeconds $res"
  } >"$WORK/stack.log"
  log "wrk: ${WRK_SECONDS}s per URL, $WRK_THREADS threads, $WRK_CONNECTIONS connections"
  {
    wrk_get pod "$api/namespaces/bench-wide/pods/$pod" &&
    wrk_get list "$api/namespaces/bench-wide/pods?labelSelector=app%3Dwide" &&
    wrk_get nodes "$api/nodes" &&
    echo "RESULT wrk.connections $WRK_CONNECTIONS"
  } >"$WORK/wrk.log"
}

seed_launch() {
  local id; id="bench-$(date +%s)-$RANDOM"
  SEED_DIR="$WORK/seed"; SEED_TOPIC="$id.node-scrapes"; SEED_DECISIONS="$id.scaling-decisions"
  create_topics "$SEED_TOPIC" "$SEED_DECISIONS" || return 1
  launch_sim seed "$SEED_DIR" 512m "$ROOT/cluster-simulator/scenarios/seed-ab-load.yaml" 0 0 \
    --apply "$ROOT/k8s/crd/horizontalautoscaler.yaml" \
    --control
}

seed_start() {
  local dir="$SEED_DIR"
  await_sim "$dir" || return 1
  # the scenario's own burst (at 60 s) must not happen: the driver makes the steps
  curl -sf -X PUT --data 0 "http://127.0.0.1:$(cat "$dir/control-port")/load/yuchao/eladmin-web" >/dev/null || return 1
  start_collector seed "$WORK/collector-seed.out" "$dir" "$REACTION_RESOLUTION" "$SEED_TOPIC" || return 1
  SEED_HTTP=$(free_port); SEED_MANAGEMENT=$(free_port)
  start_service seed autoscaler-service "$WORK/autoscaler.out" KUBECONFIG="$dir/kubeconfig" SCALEBUS_KAFKA_BOOTSTRAP="$KAFKA" -- \
    -Dquarkus.http.port="$SEED_HTTP" -Dquarkus.management.port="$SEED_MANAGEMENT" \
    -Dscalebus.autoscaler.sync-period="${REACTION_SYNC}s" \
    "-Dmp.messaging.incoming.\"scalebus.node-scrapes\".topic=$SEED_TOPIC" \
    "-Dmp.messaging.outgoing.\"scalebus.scaling-decisions\".topic=$SEED_DECISIONS"
}

seed_measure() {
  local dir="$SEED_DIR" res="$REACTION_RESOLUTION" settle
  await_url "http://127.0.0.1:$(cat "$dir.collector-management-port")/q/health/ready" 240 collector-service || return 1
  await_url "http://127.0.0.1:$SEED_MANAGEMENT/q/health/ready" 240 autoscaler-service || return 1
  # between repeats: quiet rate windows (2 resolutions) and the controller's full sync forgetting the autoscaler
  settle=$(awk -v r="$res" -v s="$REACTION_SYNC" 'BEGIN { q = 2 * r; if (s > q) q = s; print q + 1 }')
  log "reaction: $REACTION_REPEATS step(s) 0 -> 400 req/s on yuchao/eladmin-web (resolution ${res}s, sync ${REACTION_SYNC}s)"
  java -cp "$CP" dev.scalebus.bench.load.ReactionDriver "$dir" "$ROOT/examples/seed-ab-load/hpa-eladmin-web.yaml" \
    "$REACTION_REPEATS" 400 "$res" "$settle" $((120 + 6 * res)) >"$WORK/reaction.log" 2>&1 \
    || { cat "$WORK/reaction.log" >&2; tail -20 "$WORK/autoscaler.out" >&2; return 1; }
  grep -v 'RESULT\|SLF4J' "$WORK/reaction.log" >&2 || true
  echo "RESULT reaction.resolutionSeconds $res" >>"$WORK/reaction.log"
}

stack_run() {
  if ((STACK_OVERLAP)); then
    fresh_launch && seed_launch && fresh_start && seed_start || return 1
    local seed_pid
    seed_measure & seed_pid=$!
    fresh_measure || { wait "$seed_pid"; return 1; }
    wait "$seed_pid" || return 1
    stack_stop
  else
    fresh_launch && fresh_start && fresh_measure || return 1
    stack_stop fresh
    seed_launch && seed_start && seed_measure || return 1
    stack_stop seed
  fi
}
