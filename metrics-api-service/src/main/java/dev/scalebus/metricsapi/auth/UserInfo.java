package dev.scalebus.metricsapi.auth;

import java.util.List;
import java.util.Map;

/** Who made a request, as k8s.io/apiserver's {@code user.Info}. */
public record UserInfo(String name, String uid, List<String> groups, Map<String, List<String>> extra) {

    public static final String ANONYMOUS = "system:anonymous";
    public static final UserInfo ANONYMOUS_USER =
            new UserInfo(ANONYMOUS, "", List.of("system:unauthenticated"), Map.of());

    public UserInfo {
        uid = uid == null ? "" : uid;
        groups = groups == null ? List.of() : List.copyOf(groups);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** As the apiserver's AuthenticatedGroupAdder: every authenticated user is in system:authenticated. */
    public UserInfo withAuthenticatedGroup() {
        if (groups.contains("system:authenticated") || ANONYMOUS.equals(name)) {
            return this;
        }
        List<String> all = new java.util.ArrayList<>(groups);
        all.add("system:authenticated");
        return new UserInfo(name, uid, all, extra);
    }
}
