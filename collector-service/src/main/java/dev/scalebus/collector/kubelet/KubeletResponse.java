package dev.scalebus.collector.kubelet;

import java.time.Instant;

/**
 * A kubelet's complete 2xx answer.
 *
 * @param requestTime    when the request was sent (the timestamp for samples that carry none)
 * @param durationMillis from sending the request to the last body byte
 */
public record KubeletResponse(byte[] body, Instant requestTime, long durationMillis) {
}
