package dev.scalebus.simulator.kube;

import io.fabric8.mockwebserver.http.MockResponse;

/** Kubernetes Status bodies (metav1.Status) for errors the simulator's own handlers return. */
final class Status {

    private Status() {
    }

    static MockResponse error(int code, String reason, String message) {
        String body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":"
                + quote(message) + ",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    static MockResponse notFound(String resource, String name) {
        return error(404, "NotFound", resource + ".apps \"" + name + "\" not found");
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
