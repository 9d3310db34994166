package dev.scalebus.history.auth;

import java.util.List;
import java.util.Map;

/** Who a bearer token belongs to, as a TokenReview answers ({@code user.Info}). */
public record User(String name, String uid, List<String> groups, Map<String, List<String>> extra) {

    public User {
        uid = uid == null ? "" : uid;
        groups = groups == null ? List.of() : List.copyOf(groups);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }
}
