package dev.scalebus.events;

import java.util.Collection;

/** Checks for the required fields of event records, run from their compact constructors. */
final class Required {

    private Required() {
    }

    static <T> T field(T value, String record, String field) {
        if (value == null) {
            throw new MalformedEventException(record + ": required field '" + field + "' is missing");
        }
        return value;
    }

    static String text(String value, String record, String field) {
        if (field(value, record, field).isBlank()) {
            throw new MalformedEventException(record + ": required field '" + field + "' is blank");
        }
        return value;
    }

    static <T> java.util.List<T> list(java.util.List<T> value) {
        return value == null ? java.util.List.of() : java.util.List.copyOf(value);
    }

    static <K, V> java.util.Map<K, V> map(java.util.Map<K, V> value) {
        return value == null ? java.util.Map.of() : java.util.Map.copyOf(value);
    }

    static int schemaVersion(Integer value, String record) {
        if (value == null) {
            throw new MalformedEventException(record + ": required field 'schemaVersion' is missing");
        }
        if (value < 1) {
            throw new MalformedEventException(record + ": schemaVersion must be 1 or more, was " + value);
        }
        return value;
    }

    static boolean isEmpty(Collection<?> c) {
        return c == null || c.isEmpty();
    }
}
