package dev.scalebus.events;

/** The Kafka topics scalebus uses; the one place their names are spelled. */
public final class Topics {

    /** One {@link NodeScrape} per node per scrape cycle, key = node name. */
    public static final String NODE_SCRAPES = "scalebus.node-scrapes";

    /** One {@link ScalingDecision} per evaluation that changed something, key = namespace/name of the autoscaler. */
    public static final String SCALING_DECISIONS = "scalebus.scaling-decisions";

    /**
     * One {@link CustomMetricSamples} per scraped application pod per cycle, key = namespace/pod: the series the
     * custom and external metrics APIs serve.
     */
    public static final String CUSTOM_SAMPLES = "scalebus.custom-samples";

    /** Records no consumer could process, with the reason in the {@code scalebus-dead-letter-reason} header. */
    public static final String DEAD_LETTER = "scalebus.dead-letter";

    /** Every topic above, for the scripts and tests that create them. */
    public static final java.util.List<String> ALL = java.util.List.of(NODE_SCRAPES, SCALING_DECISIONS,
            CUSTOM_SAMPLES, DEAD_LETTER);

    private Topics() {
    }
}
