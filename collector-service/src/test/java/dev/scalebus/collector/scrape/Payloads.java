package dev.scalebus.collector.scrape;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The real kubelet payloads copied from ../shared/kubelet-payloads into src/test/resources/kubelet-payloads. */
public final class Payloads {

    public static final String COREDNS_PROM = "metrics-resource.coredns.metrics-server-decode-test.prom";
    public static final String KIND_WORKER_PROM = "metrics-resource.kind-worker.2024-01.prom";
    public static final String SUMMARY_1_35 = "stats-summary.k8s-1.35.minikube.json";
    public static final String SUMMARY_MULTI = "stats-summary.minikube.multi-container.json";

    private Payloads() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = Payloads.class.getResourceAsStream("/kubelet-payloads/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test payload " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }
}
