package dev.scalebus.metricsapi.api;

/**
 * Picks the response form from {@code Accept}, in the client's order, as the apiserver's negotiation does for what
 * this server can write: protobuf (kubectl's first choice, {@code application/vnd.kubernetes.protobuf,
 * application/json}), plain JSON, or a meta.k8s.io Table as JSON (a protobuf Table is not written: such a range is
 * skipped for the next one). Anything else (yaml only) is 406.
 */
public record Negotiation(Form form, String tableVersion) {

    public enum Form { JSON, TABLE, PROTOBUF }

    public static final Negotiation PROTOBUF = new Negotiation(Form.PROTOBUF, null);

    public static final Negotiation JSON = new Negotiation(Form.JSON, null);

    public static Negotiation of(String accept) {
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.trim().split(";");
            String type = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
            String as = null;
            String group = null;
            String version = null;
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].trim().split("=", 2);
                if (kv.length == 2) {
                    switch (kv[0].trim()) {
                        case "as" -> as = kv[1].trim();
                        case "g" -> group = kv[1].trim();
                        case "v" -> version = kv[1].trim();
                        default -> { }
                    }
                }
            }
            if (type.equals(MetricsProtobuf.MEDIA_TYPE) && as == null) {
                return PROTOBUF;
            }
            boolean json = type.equals("application/json") || type.equals("application/*") || type.equals("*/*");
            if (!json) {
                continue;
            }
            if (as == null) {
                return JSON;
            }
            if (as.equals("Table") && "meta.k8s.io".equals(group)
                    && ("v1".equals(version) || "v1beta1".equals(version))) {
                return new Negotiation(Form.TABLE, version);
            }
        }
        throw KubeStatus.notAcceptable();
    }
}
