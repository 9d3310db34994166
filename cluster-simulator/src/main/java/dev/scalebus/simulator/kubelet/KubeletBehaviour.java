package dev.scalebus.simulator.kubelet;

/**
 * How a simulated kubelet (or a pod's application metrics endpoint) answers; anything but NORMAL is a fault injected
 * by a test.
 */
public enum KubeletBehaviour {
    NORMAL,
    /** Accepts the connection and the request but never answers (the scraper must time out). */
    NO_ANSWER,
    /** Answers HTTP 500 with a plain-text body, like a kubelet whose stats provider failed. */
    HTTP_500,
    /** Answers 200 with a truncated, unparseable body. */
    MALFORMED_BODY,
    /**
     * Answers 200 with a 20 MiB body streamed in chunks (no Content-Length): a JSON object whose one field is padding,
     * with no stats in it. A scraper must bound what it reads and count the scrape as failed.
     */
    OVERSIZED_BODY
}
