package dev.scalebus.deploy;

import java.util.ArrayList;
import java.util.List;

/** The validation errors of one object, each "field.path: message" as the API server words them. */
final class Problems {

    private final List<String> errors = new ArrayList<>();

    /** Adds {@code message} for {@code path} unless it is null (the {@link Names} checks return null when valid). */
    void check(String path, String message) {
        if (message != null) {
            errors.add(path + ": " + message);
        }
    }

    void add(String path, String message) {
        errors.add(path + ": " + message);
    }

    List<String> list() {
        return List.copyOf(errors);
    }
}
