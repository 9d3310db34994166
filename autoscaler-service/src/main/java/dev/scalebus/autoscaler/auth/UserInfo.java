package dev.scalebus.autoscaler.auth;

import java.util.List;
import java.util.Map;

/** Who made a request, as a TokenReview names it (k8s.io/apiserver's {@code user.Info}). */
public record UserInfo(String name, String uid, List<String> groups, Map<String, List<String>> extra) {

    /** The user of an unauthenticated run (authentication off). */
    public static final UserInfo ANONYMOUS =
            new UserInfo("system:anonymous", "", List.of("system:unauthenticated"), Map.of());

    public UserInfo {
        uid = uid == null ? "" : uid;
        groups = groups == null ? List.of() : List.copyOf(groups);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }
}
