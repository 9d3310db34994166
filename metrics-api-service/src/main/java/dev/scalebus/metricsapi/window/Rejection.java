package dev.scalebus.metricsapi.window;

/** Why a record was refused at the window's edge; {@link #tag} is the meters' {@code reason} tag. */
public enum Rejection {
    /** A measurement time later than now + the future-skew allowance: it would pin its node or series. */
    FUTURE_TIME("future_time"),
    /** Older than the window can serve, or a measurement far older than its own scrape. */
    TOO_OLD("too_old"),
    /** A negative CPU rate, memory size or rate window. */
    NEGATIVE_USAGE("negative_usage"),
    /** More pods, containers, series or labels than any real node has, or a name longer than 253 characters. */
    TOO_LARGE("too_large");

    public final String tag;

    Rejection(String tag) {
        this.tag = tag;
    }
}
