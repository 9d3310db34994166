package dev.scalebus.collector.kube;

import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import org.jboss.logging.Logger;

/**
 * Keeps an informer retrying (with fabric8's backoff) whatever failed, including the first list: an API server
 * that is unreachable while the collector starts must not leave it blind for good (readiness stays down until the
 * informer syncs). Only the first failure is logged; fabric8 logs the retries at its own levels.
 */
final class InformerRetry {

    private static final Logger LOG = Logger.getLogger(InformerRetry.class);

    private InformerRetry() {
    }

    static ExceptionHandler forever(String resource) {
        boolean[] logged = {false};
        return (started, error) -> {
            if (!logged[0]) {
                logged[0] = true;
                LOG.infof("%s informer failed (%s), retrying: %s", resource, started ? "watch" : "initial list",
                        error.getMessage());
            }
            return true;
        };
    }
}
