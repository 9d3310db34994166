package dev.scalebus.history.ingest;

import dev.scalebus.events.ScalingDecision;
import dev.scalebus.events.Topics;
import dev.scalebus.history.store.DecisionRepository;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Stores every scaling decision, once (see {@link NodeScrapeConsumer} for the commit order). */
@ApplicationScoped
public class ScalingDecisionConsumer {

    private static final Logger LOG = Logger.getLogger(ScalingDecisionConsumer.class);

    private final DecisionRepository decisions;

    public ScalingDecisionConsumer(DecisionRepository decisions) {
        this.decisions = decisions;
    }

    @Incoming(Topics.SCALING_DECISIONS)
    @Blocking
    @Transactional
    public void consume(ScalingDecision decision) {
        if (decision == null) {
            return;
        }
        boolean inserted = decisions.insertIfAbsent(decision);
        if (inserted) {
            LOG.infof("decision %s stored: %s %s -> %d (%s)", decision.id(), decision.key(),
                    decision.currentReplicas(), decision.desiredReplicas(), decision.reason());
        } else {
            LOG.infof("decision %s re-delivered: already stored", decision.id());
        }
    }
}
