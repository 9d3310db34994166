package dev.scalebus.collector.kube;

import java.net.URI;

/**
 * An application pod to scrape for custom metrics, or why it cannot be.
 *
 * @param uri     {@code scheme://podIP:port/path}; null when {@code problem} is set
 * @param problem why an annotated pod cannot be scraped (the reason tag, e.g. {@code no-port}); null when it can
 * @param detail  a sentence for the once-per-pod log; null when it can be scraped
 */
public record AppPodTarget(String namespace, String pod, String nodeName, URI uri, String problem, String detail) {

    /** {@code namespace/pod}: the event key and the once-log subject. */
    public String key() {
        return namespace + "/" + pod;
    }

    public boolean scrapable() {
        return problem == null;
    }
}
