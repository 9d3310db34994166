package dev.scalebus.autoscaler.controller;

import dev.scalebus.autoscaler.kube.Leadership;
import dev.scalebus.autoscaler.window.PodMetricsWindow;
import dev.scalebus.events.NodeScrape;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** What makes the controller evaluate: a node scrape with pods of a namespace, and the sync period. */
@ApplicationScoped
public class ControllerTriggers {

    private static final Logger LOG = Logger.getLogger(ControllerTriggers.class);

    private final AutoscalerController controller;
    private final PodMetricsWindow window;
    private final AutoscalerConfig config;
    private final Leadership leadership;

    public ControllerTriggers(AutoscalerController controller, PodMetricsWindow window, AutoscalerConfig config,
            Leadership leadership) {
        this.controller = controller;
        this.window = window;
        this.config = config;
        this.leadership = leadership;
    }

    @Incoming("scalebus.node-scrapes")
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

    @Scheduled(every = "${scalebus.autoscaler.sync-period:15s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sync() {
        window.prune();
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
