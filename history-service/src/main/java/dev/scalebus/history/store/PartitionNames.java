package dev.scalebus.history.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Day partitions of the raw sample tables: their names and UTC bounds. Pure, no I/O. */
public final class PartitionNames {

    /** The tables partitioned by day on sample_time. */
    public static final List<String> RAW_TABLES = List.of("node_samples", "pod_samples", "container_samples");

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Pattern NAME = Pattern.compile("^(.+)_p(\\d{8})$");

    private PartitionNames() {
    }

    /** e.g. {@code container_samples_p20261122}. */
    public static String partition(String table, LocalDate day) {
        return table + "_p" + DAY.format(day);
    }

    /** The UTC day an instant falls in. */
    public static LocalDate dayOf(Instant time) {
        return LocalDate.ofInstant(time, ZoneOffset.UTC);
    }

    /** The start of a UTC day, the inclusive lower bound of its partition. */
    public static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The day of a partition name of the given table; empty for any other name. */
    public static Optional<LocalDate> dayOf(String table, String partitionName) {
        Matcher m = NAME.matcher(partitionName);
        if (!m.matches() || !m.group(1).equals(table)) {
            return Optional.empty();
        }
        return Optional.of(LocalDate.parse(m.group(2), DAY));
    }

    /**
     * Whether a whole day partition is past retention: every instant it can hold is older than {@code now - keep}
     * (its exclusive upper bound, the next day's start, is at or before the cutoff).
     */
    public static boolean expired(LocalDate day, Instant cutoff) {
        return !start(day.plusDays(1)).isAfter(cutoff);
    }
}
