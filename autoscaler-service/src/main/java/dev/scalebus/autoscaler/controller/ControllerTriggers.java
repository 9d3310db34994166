package dev.scalebus.autoscaler.controller;

import dev.scalebus.autoscaler.hpa.MetricSpec;
import dev.scalebus.autoscaler.kube.AutoscalerObject;
import dev.scalebus.autoscaler.kube.Leadership;
import dev.scalebus.autoscaler.window.PodMetricsWindow;
import dev.scalebus.events.CustomMetricSamples;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.Topics;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * What makes the controller evaluate: a node scrape with pods of a namespace, application metric samples of a pod
 * (autoscalers of its namespace with Pods or Object metrics), and the sync period.
 */
@ApplicationScoped
public class ControllerTriggers {

    private static final Logger LOG = Logger.getLogger(ControllerTriggers.class);

    private final AutoscalerController controller;
    private final PodMetricsWindow window;
    private final AutoscalerConfig config;
    private final Leadership leadership;
    private final Clock clock;
    // namespace -> when custom samples last made it evaluated
    private final Map<String, Instant> customEvaluated = new ConcurrentHashMap<>();

    public ControllerTriggers(AutoscalerController controller, PodMetricsWindow window, AutoscalerConfig config,
            Leadership leadership, Clock clock) {
        this.controller = controller;
        this.window = window;
        this.config = config;
        this.leadership = leadership;
        this.clock = clock;
    }

    @Incoming(Topics.NODE_SCRAPES)
    @Blocking(ordered = true)
    public void onScrape(NodeScrape scrape) {
        if (scrape == null) {
            return; // a record that could not be read: skipped by the deserializer's failure handling
        }
        List<String> namespaces = window.accept(scrape);
        LOG.debugf("scrape of %s: %d pods", scrape.nodeName(), scrape.pods().size());
        if (!config.controllerEnabled() || !leadership.active()) {
            return;
        }
        for (String ns : namespaces) {
            try {
                controller.evaluateNamespace(ns);
            } catch (RuntimeException e) {
                LOG.infof("evaluation of namespace %s after scrape of %s failed: %s", ns, scrape.nodeName(),
                        e.toString());
            }
        }
    }

    /**
     * Samples of one application pod arrived: the custom metrics API now serves newer Pods/Object values for its
     * namespace. Pods of one namespace are scraped in a burst, so a namespace is evaluated at most once per
     * {@code custom-samples-min-interval}; the sync period covers the rest.
     */
    @Incoming(Topics.CUSTOM_SAMPLES)
    @Blocking(ordered = true)
    public void onCustomSamples(CustomMetricSamples samples) {
        if (samples == null || !config.controllerEnabled() || !leadership.active()) {
            return;
        }
        Instant now = clock.instant();
        Instant last = customEvaluated.get(samples.namespace());
        if (last != null && now.isBefore(last.plus(config.customSamplesMinInterval()))) {
            LOG.debugf("custom samples of %s: namespace evaluated %s, skipped", samples.key(), last);
            return;
        }
        customEvaluated.put(samples.namespace(), now);
        try {
            controller.evaluateNamespace(samples.namespace(), ControllerTriggers::usesCustomMetrics);
        } catch (RuntimeException e) {
            LOG.infof("evaluation of namespace %s after custom samples of %s failed: %s", samples.namespace(),
                    samples.key(), e.toString());
        }
    }

    /** Whether an autoscaler has a Pods or Object metric (External values do not come from pods). */
    static boolean usesCustomMetrics(AutoscalerObject a) {
        return a.spec() != null && a.spec().metrics().stream()
                .anyMatch(m -> MetricSpec.PODS.equals(m.type()) || MetricSpec.OBJECT.equals(m.type()));
    }

    @Scheduled(every = "${scalebus.autoscaler.sync-period:15s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sync() {
        window.prune();
        Instant stale = clock.instant().minus(config.syncPeriod());
        customEvaluated.values().removeIf(t -> t.isBefore(stale));
        if (!config.controllerEnabled() || !leadership.active()) {
            return;
        }
        try {
            controller.evaluateNamespace(null);
        } catch (RuntimeException e) {
            LOG.infof("periodic sync failed: %s", e.toString());
        }
    }
}
