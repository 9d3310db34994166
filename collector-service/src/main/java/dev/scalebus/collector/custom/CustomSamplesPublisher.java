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
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Sends CustomMetricSamples events to {@value Topics#CUSTOM_SAMPLES}, key = namespace/pod, with the same bounded
 * drop-oldest buffer and producer settings as the node scrapes (application.properties).
 */
@ApplicationScoped
public class CustomSamplesPublisher {

    private final BufferedPublisher<CustomMetricSamples> publisher;

    public CustomSamplesPublisher(@Channel(Topics.CUSTOM_SAMPLES) Emitter<CustomMetricSamples> emitter,
            CollectorConfig config, AppMetrics metrics) {
        this.publisher = new BufferedPublisher<>(Topics.CUSTOM_SAMPLES, emitter, CustomMetricSamples::key,
                config.customMetrics().publishBufferSize(), metrics::published, metrics::dropped);
        metrics.bufferGauge(publisher.buffer()::size);
    }

    void onStartup(@Observes StartupEvent event) {
        publisher.start();
    }

    void onShutdown(@Observes ShutdownEvent event) {
        publisher.stop();
    }

    /** Queues one pod's samples; drops the oldest queued event when the buffer is full. Never blocks. */
    public void publish(CustomMetricSamples samples) {
        publisher.publish(samples);
    }
}
