package dev.scalebus.metricsapi.lag;

/** The Kafka admin calls the lag metric needs; the one interface in front of the broker. */
public interface LagSource {

    /**
     * The group's committed offsets and the latest offsets of {@code topic}, or of every topic the group committed
     * offsets for when {@code topic} is null.
     *
     * @throws LagUnavailableException when the broker cannot be asked (unreachable, timed out)
     */
    GroupOffsets offsets(String group, String topic);

    /** Where the broker is, for error messages. */
    String describe();
}
