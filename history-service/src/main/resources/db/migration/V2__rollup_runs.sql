-- When each scheduled rollup step last started, shared by every history-service replica: a replica whose schedule
-- fires shortly after another replica's run of the same step skips it (RollupJob.claim), so rollups run once per
-- period across replicas and not once per replica.
CREATE TABLE rollup_runs (
    step       text        PRIMARY KEY,
    started_at timestamptz NOT NULL
);
