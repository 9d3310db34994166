package dev.scalebus.history;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Every setting of history-service, prefix {@code scalebus.history}. */
@ConfigMapping(prefix = "scalebus.history")
public interface HistoryConfig {

    /** The PostgreSQL schema holding every table of this service (Flyway's history included). */
    @WithDefault("history")
    String schema();

    Retention retention();

    Partitions partitions();

    Rollup rollup();

    Api api();

    Ingest ingest();

    Authentication authentication();

    Authorization authorization();

    interface Retention {
        /** How long raw node, pod and container samples are kept; whole day partitions older are dropped. */
        @WithDefault("7d")
        Duration raw();

        /** How long 1m and 1h rollups are kept. */
        @WithDefault("90d")
        Duration rollups();
    }

    interface Partitions {
        /** How many day partitions past today are created ahead, at startup and by the housekeeping job. */
        @WithDefault("2")
        int aheadDays();
    }

    interface Rollup {
        /**
         * A bucket is rolled up once its end is this far in the past, so that late samples of the same scrape cycle
         * are in (the collector publishes every 15 s).
         */
        @WithDefault("30s")
        Duration settle();

        /**
         * How far back each 1m run (every minute) recomputes closed buckets, catching samples that arrived late.
         * Each run scans this much raw data: at 10,000 container samples/s, 5m is 3 million rows.
         */
        @WithDefault("5m")
        Duration minuteLookback();

        /** How far back each 1h run (every 30 minutes) recomputes closed buckets. */
        @WithDefault("2h")
        Duration hourLookback();
    }

    interface Api {
        /** Page size when the request gives no limit. */
        @WithDefault("100")
        int defaultLimit();

        /** The largest page a request may ask for; more answers 400. */
        @WithDefault("1000")
        int maxLimit();

        /** The longest range raw samples may be asked for; a longer range needs step 1m or 1h. */
        @WithDefault("6h")
        Duration rawMaxRange();

        /** The longest range 1m rollups may be asked for; a longer range needs step 1h. */
        @WithDefault("7d")
        Duration minuteMaxRange();

        /**
         * The longest time range [from, to) any query (samples, decisions, summaries) may ask for; a longer one
         * answers 400 naming {@code from}. Never more than {@code retention.rollups} (the smaller of the two
         * applies). Default 31 days.
         */
        @WithDefault("31d")
        Duration maxRange();

        /** The range used when the request gives no from. */
        @WithDefault("1h")
        Duration defaultRange();

        /** The largest N of the top-pods summary. */
        @WithDefault("100")
        int maxTop();

        /**
         * The longest a sample or summary query may run (JDBC query timeout, whole seconds, at least 1); a query
         * cancelled by it answers 503 naming this limit. Queries run on their own pool (datasource {@code queries},
         * 4 connections), so a heavy one cannot take the ingest connections either.
         */
        @WithDefault("10s")
        Duration queryTimeout();
    }

    interface Ingest {
        /**
         * How far past now a measurement or decision time may lie (clock skew between collector, autoscaler and
         * history); a record with a later time is dead-lettered as out of range.
         */
        @WithDefault("5m")
        Duration futureSkew();

        /** First wait before storing again when the database is unavailable; doubles on each failure. */
        @WithDefault("500ms")
        Duration retryInitial();

        /** Longest wait between two attempts while the database is unavailable (retries go on forever). */
        @WithDefault("30s")
        Duration retryMax();

        /**
         * One store attempt running longer than this (not a database outage, which retries at least every
         * retry-max) turns liveness DOWN, so that Kubernetes restarts a genuinely stuck consumer.
         */
        @WithDefault("5m")
        Duration stuckAfter();
    }

    /**
     * Who may call the REST API: a bearer token, checked with a TokenReview against the Kubernetes API server.
     */
    interface Authentication {
        /**
         * Whether every REST request needs a bearer token (TokenReview) and the permission to read
         * (SubjectAccessReview, see {@link Authorization}). false turns both off, for a local run only; a WARN line
         * at start says so. Default true.
         */
        @WithDefault("true")
        boolean enabled();

        /** How long a TokenReview answer (user or rejection) is reused for the same token. Default 10 s. */
        @WithDefault("10s")
        Duration tokenCacheTtl();
    }

    /**
     * What an authenticated user may read: a SubjectAccessReview per request, verb get or list on resource
     * {@code decisions} or {@code samples} (summaries count as samples) in API group {@code scalebus.dev}, in the
     * query's namespace; a query of all namespaces needs the cluster-wide grant.
     */
    interface Authorization {
        /** How long an allowing SubjectAccessReview answer is reused for the same user and request. Default 10 s. */
        @WithDefault("10s")
        Duration allowedCacheTtl();

        /** How long a denying SubjectAccessReview answer is reused for the same user and request. Default 10 s. */
        @WithDefault("10s")
        Duration deniedCacheTtl();
    }
}
