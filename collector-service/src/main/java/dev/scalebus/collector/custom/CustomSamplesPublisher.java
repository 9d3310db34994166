package dev.scalebus.collector.custom;

import dev.scalebus.collector.config.CollectorConfig;
import dev.scalebus.collector.ops.AppMetrics;
import dev.scalebus.collector.publish.BufferedPublisher;
import dev.scalebus.events.CustomMetricSamples;
import dev.scalebus.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Sends CustomMetricSamples events to {@value Topics#CUSTOM_SAMPLES}, key = namespace/pod, with the same byte-bounded
 * drop-oldest buffer, failure handling and producer settings as the node scrapes (application.properties).
 */
@ApplicationScoped
public class CustomSamplesPublisher {

    private final BufferedPublisher publisher;
    private final Duration flushDeadline;

    public CustomSamplesPublisher(@Channel(Topics.CUSTOM_SAMPLES) Emitter<byte[]> emitter,
            CollectorConfig config, AppMetrics metrics) {
        this.publisher = new BufferedPublisher(Topics.CUSTOM_SAMPLES, emitter,
                config.customMetrics().publishBufferBytes(), metrics.publishing(),
                acked -> metrics.published(acked.samples()));
        this.flushDeadline = config.publishShutdownTimeout();
    }

    void onStartup(@Observes StartupEvent event) {
        publisher.start();
    }

    void onShutdown(@Observes ShutdownEvent event) {
        publisher.close(flushDeadline);
    }

    /** Queues one pod's samples; drops the oldest queued events when over the bound. Never blocks. */
    public void publish(CustomMetricSamples samples) {
        publisher.publish(samples.key(), samples, samples.series().size());
    }
}
