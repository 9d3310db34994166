package dev.scalebus.autoscaler.controller;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** autoscaler-service settings, prefix {@code scalebus.autoscaler}. */
@ConfigMapping(prefix = "scalebus.autoscaler")
public interface AutoscalerConfig {

    /** Whether the live controller runs (the simulate API works either way). */
    @WithDefault("true")
    boolean controllerEnabled();

    /** --horizontal-pod-autoscaler-sync-period: the longest time between two evaluations of an autoscaler. */
    @WithDefault("15s")
    Duration syncPeriod();

    /** --horizontal-pod-autoscaler-tolerance. */
    @WithDefault("0.1")
    double tolerance();

    /** --horizontal-pod-autoscaler-cpu-initialization-period. */
    @WithDefault("5m")
    Duration cpuInitializationPeriod();

    /** --horizontal-pod-autoscaler-initial-readiness-delay. */
    @WithDefault("30s")
    Duration initialReadinessDelay();

    /** --horizontal-pod-autoscaler-downscale-stabilization. */
    @WithDefault("5m")
    Duration downscaleStabilizationWindow();

    /** Leader election among the service's replicas. */
    LeaderElection leaderElection();

    /** One active replica through a coordination.k8s.io/v1 Lease. */
    interface LeaderElection {

        /** Off: every replica evaluates (run one replica then). */
        @WithDefault("true")
        boolean enabled();

        /**
         * Namespace of the Lease. Unset: the pod's own namespace (env POD_NAMESPACE, else the service account's
         * namespace file), else {@code default}; so two installs in two namespaces never share one lease.
         */
        Optional<String> namespace();

        @WithDefault("scalebus-autoscaler")
        String leaseName();

        /** How long a lease is valid without renewal (kube-controller-manager: 15 s). */
        @WithDefault("15s")
        Duration leaseDuration();

        /** How long the leader keeps trying to renew before giving up (10 s). */
        @WithDefault("10s")
        Duration renewDeadline();

        /** Time between attempts (2 s). */
        @WithDefault("2s")
        Duration retryPeriod();
    }

    /**
     * How long API discovery (kind → resource for /scale and Object metrics, served custom metrics versions) is
     * cached; a miss rediscovers at once. kube-controller-manager resets its RESTMapper every 30 s.
     */
    @WithDefault("30s")
    Duration discoveryRefresh();

    /**
     * Custom metric samples (topic scalebus.custom-samples) evaluate the autoscalers of their namespace with Pods
     * or Object metrics at most this often.
     */
    @WithDefault("1s")
    Duration customSamplesMinInterval();

    /**
     * Most bytes of decisions (serialized JSON, about 2 KiB each) waiting for the broker's acknowledgement; when
     * full the oldest waiting decision is dropped and counted ({@code scalebus_autoscaler_decisions_dropped_total}).
     * Default 4 MiB.
     */
    @WithDefault("4194304")
    long decisionBufferMaxBytes();

    /** Pod samples older than this are not used (stale metrics: ScalingActive=False, never a scale). */
    @WithDefault("2m")
    Duration metricsMaxAge();

    /** Who may call the REST API (not /q/*, which is on the management port). */
    Authentication authentication();

    /** Bearer tokens checked by TokenReview, as a delegating apiserver authenticator. */
    interface Authentication {

        /**
         * On: every REST request needs a bearer token the API server authenticates (401 otherwise) and a
         * SubjectAccessReview allowing it (403 otherwise). Off (local run only): one WARN line at start.
         */
        @WithDefault("true")
        boolean enabled();

        /** How long a TokenReview answer (valid or not) is reused, keyed by the token's SHA-256. Default 10s. */
        @WithDefault("10s")
        Duration tokenCacheTtl();
    }

    /**
     * SubjectAccessReview decisions: {@code POST /api/v1/simulate} needs create simulations.scalebus.dev,
     * {@code POST /api/v1/backtest} create backtests.scalebus.dev (both cluster scope).
     */
    Authorization authorization();

    /** Cache TTLs of SubjectAccessReview answers (the apiserver's webhook authorizer: allowed / denied TTLs). */
    interface Authorization {

        /** How long an allowed answer is reused. Default 10s. */
        @WithDefault("10s")
        Duration allowedCacheTtl();

        /** How long a denied answer is reused. Default 10s. */
        @WithDefault("10s")
        Duration deniedCacheTtl();
    }

    /** Caps on one {@code POST /api/v1/simulate}, so one request cannot hold a worker thread for long. */
    Simulate simulate();

    /** Over a cap: 413 (body) or 400 (counts) naming the field and the limit, before any step is simulated. */
    interface Simulate {

        /** Largest request body in bytes (checked on Content-Length before the body is read). Default 1048576. */
        @WithDefault("1048576")
        long maxBodyBytes();

        /** Most steps (reconciles) per request. Default 10000 (about 42 hours of 15 s syncs). */
        @WithDefault("10000")
        int maxSteps();

        /** Most pods in {@code pods}, in each step's {@code pods} and in each metric read's pod list. Default 5000. */
        @WithDefault("5000")
        int maxPods();

        /** Most metrics in the autoscaler's spec (autoscaling/v2 sets no maximum). Default 20. */
        @WithDefault("20")
        int maxMetrics();

        /**
         * Longest a simulation may run, checked between steps on the service clock; past it the request is
         * answered 503 naming the limit. Default 2s.
         */
        @WithDefault("2s")
        Duration maxWallTime();
    }

    /** {@code POST /api/v1/backtest}: where recorded history is read, and the caps on one request. */
    Backtest backtest();

    /** Over a cap: 400 naming the field, the limit and its setting; past the wall time 503. */
    interface Backtest {

        /** history-service's REST base URL. Default http://127.0.0.1:8084. */
        @WithDefault("http://127.0.0.1:8084")
        String historyUrl();

        /**
         * The bearer token sent to history-service, read at each request when the file exists (the pod's service
         * account token, which the kubelet rotates); no file, no Authorization header (local run).
         * Default /var/run/secrets/kubernetes.io/serviceaccount/token.
         */
        @WithDefault("/var/run/secrets/kubernetes.io/serviceaccount/token")
        String historyTokenFile();

        /** Timeout of one call to history-service (connect and answer); past it history is unavailable (503). Default 10s. */
        @WithDefault("10s")
        Duration historyTimeout();

        /**
         * Samples are asked for in slices of at most this length (history serves raw samples only for ranges up to
         * its api.raw-max-range, 6h by default). Default 1h.
         */
        @WithDefault("1h")
        Duration historySlice();

        /** Longest range [from, to) of one backtest (history may refuse less: its answer is passed on). Default 24h. */
        @WithDefault("24h")
        Duration maxRange();

        /** Most recorded pod rows (one per pod per scrape) one backtest reads. Default 20000. */
        @WithDefault("20000")
        int maxPoints();

        /** Longest one backtest may take, reading history included, checked between pages; then 503. Default 10s. */
        @WithDefault("10s")
        Duration maxWallTime();
    }
}
