package dev.scalebus.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The real kubelet payloads copied from ../shared/kubelet-payloads into src/main/resources/payloads. */
public final class Payloads {

    public static final String KIND_WORKER_METRICS_RESOURCE = "metrics-resource.kind-worker.2024-01.prom";
    public static final String SUMMARY_1_35 = "stats-summary.k8s-1.35.minikube.json";

    private Payloads() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = Payloads.class.getResourceAsStream("/payloads/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource payloads/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
