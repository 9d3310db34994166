-- Raw samples: partitioned by day on the sample time (partitions are created by PartitionManager, ahead of time
-- and on demand). The primary keys are the natural keys, so a re-delivered scrape inserts nothing
-- (INSERT ... ON CONFLICT DO NOTHING); they include the partition key as PostgreSQL requires.

CREATE TABLE node_samples (
    node                        text        NOT NULL,
    sample_time                 timestamptz NOT NULL,
    scrape_time                 timestamptz NOT NULL,
    window_millis               bigint,
    cpu_nano_cores              bigint,
    cpu_usage_core_nano_seconds bigint,
    memory_working_set_bytes    bigint,
    memory_usage_bytes          bigint,
    memory_rss_bytes            bigint,
    network_rx_bytes            bigint,
    network_tx_bytes            bigint,
    fs_used_bytes               bigint,
    fs_capacity_bytes           bigint,
    PRIMARY KEY (node, sample_time)
) PARTITION BY RANGE (sample_time);

-- One row per pod per scrape; sample_time is the scrape time. Usage and requests are the sums over the pod's
-- containers (usage null when any container had no value, as metrics-server drops such pods).
CREATE TABLE pod_samples (
    namespace                text        NOT NULL,
    pod                      text        NOT NULL,
    sample_time              timestamptz NOT NULL,
    node                     text        NOT NULL,
    uid                      text,
    labels                   jsonb       NOT NULL,
    owner_kind               text,
    owner_name               text,
    workload_kind            text        NOT NULL,
    workload_name            text        NOT NULL,
    phase                    text,
    ready                    boolean,
    deleting                 boolean     NOT NULL,
    containers               integer     NOT NULL,
    cpu_nano_cores           bigint,
    memory_working_set_bytes bigint,
    cpu_request_milli_cores  bigint,
    memory_request_bytes     bigint,
    PRIMARY KEY (namespace, pod, sample_time)
) PARTITION BY RANGE (sample_time);
CREATE INDEX pod_samples_workload_idx ON pod_samples (namespace, workload_kind, workload_name, sample_time);
CREATE INDEX pod_samples_time_idx ON pod_samples (sample_time);

CREATE TABLE container_samples (
    namespace                   text        NOT NULL,
    pod                         text        NOT NULL,
    container                   text        NOT NULL,
    sample_time                 timestamptz NOT NULL,
    scrape_time                 timestamptz NOT NULL,
    node                        text        NOT NULL,
    workload_kind               text        NOT NULL,
    workload_name               text        NOT NULL,
    sidecar                     boolean     NOT NULL,
    window_millis               bigint,
    cpu_nano_cores              bigint,
    cpu_usage_core_nano_seconds bigint,
    memory_working_set_bytes    bigint,
    cpu_request_milli_cores     bigint,
    cpu_limit_milli_cores       bigint,
    memory_request_bytes        bigint,
    memory_limit_bytes          bigint,
    PRIMARY KEY (namespace, pod, container, sample_time)
) PARTITION BY RANGE (sample_time);
CREATE INDEX container_samples_time_idx ON container_samples (sample_time);

-- Rollups per step ('1m', '1h'): avg, max and p95 (percentile_cont) over the raw samples of a closed bucket.
-- Recomputed idempotently (ON CONFLICT DO UPDATE); retention deletes by bucket time.

CREATE TABLE container_rollups (
    step                     text             NOT NULL,
    bucket                   timestamptz      NOT NULL,
    namespace                text             NOT NULL,
    pod                      text             NOT NULL,
    container                text             NOT NULL,
    workload_kind            text             NOT NULL,
    workload_name            text             NOT NULL,
    samples                  integer          NOT NULL,
    cpu_avg_nano_cores       double precision,
    cpu_max_nano_cores       bigint,
    cpu_p95_nano_cores       double precision,
    memory_avg_bytes         double precision,
    memory_max_bytes         bigint,
    memory_p95_bytes         double precision,
    cpu_request_milli_cores  bigint,
    memory_request_bytes     bigint,
    PRIMARY KEY (step, namespace, pod, container, bucket)
);
CREATE INDEX container_rollups_bucket_idx ON container_rollups (step, bucket);

CREATE TABLE pod_rollups (
    step                     text             NOT NULL,
    bucket                   timestamptz      NOT NULL,
    namespace                text             NOT NULL,
    pod                      text             NOT NULL,
    workload_kind            text             NOT NULL,
    workload_name            text             NOT NULL,
    labels                   jsonb            NOT NULL,
    samples                  integer          NOT NULL,
    cpu_avg_nano_cores       double precision,
    cpu_max_nano_cores       bigint,
    cpu_p95_nano_cores       double precision,
    memory_avg_bytes         double precision,
    memory_max_bytes         bigint,
    memory_p95_bytes         double precision,
    cpu_request_milli_cores  bigint,
    memory_request_bytes     bigint,
    PRIMARY KEY (step, namespace, pod, bucket)
);
CREATE INDEX pod_rollups_bucket_idx ON pod_rollups (step, bucket);

-- Workload stats are over the pod samples of the workload in the bucket (the usage of one pod at one scrape);
-- pods counts the distinct pods, requests are the average per pod.
CREATE TABLE workload_rollups (
    step                     text             NOT NULL,
    bucket                   timestamptz      NOT NULL,
    namespace                text             NOT NULL,
    workload_kind            text             NOT NULL,
    workload_name            text             NOT NULL,
    samples                  integer          NOT NULL,
    pods                     integer          NOT NULL,
    cpu_avg_nano_cores       double precision,
    cpu_max_nano_cores       bigint,
    cpu_p95_nano_cores       double precision,
    memory_avg_bytes         double precision,
    memory_max_bytes         bigint,
    memory_p95_bytes         double precision,
    cpu_request_milli_cores  double precision,
    memory_request_bytes     double precision,
    PRIMARY KEY (step, namespace, workload_kind, workload_name, bucket)
);
CREATE INDEX workload_rollups_bucket_idx ON workload_rollups (step, bucket);

-- Scaling decisions: the natural key is the decision id; record is the event as received.
CREATE TABLE decisions (
    id                 text        PRIMARY KEY,
    namespace          text        NOT NULL,
    autoscaler         text        NOT NULL,
    target_api_version text,
    target_kind        text        NOT NULL,
    target_name        text        NOT NULL,
    decision_time      timestamptz NOT NULL,
    current_replicas   integer     NOT NULL,
    desired_replicas   integer     NOT NULL,
    applied_replicas   integer,
    reason             text,
    dry_run            boolean     NOT NULL,
    metrics            jsonb       NOT NULL,
    recommendation     jsonb,
    conditions         jsonb       NOT NULL,
    record             jsonb       NOT NULL,
    received_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX decisions_autoscaler_idx ON decisions (namespace, autoscaler, decision_time);
CREATE INDEX decisions_target_idx ON decisions (namespace, target_kind, target_name, decision_time);
CREATE INDEX decisions_time_idx ON decisions (decision_time);
