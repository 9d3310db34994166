package dev.scalebus.autoscaler.hpa;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Mutable working copy of a {@link History} during one reconcile. */
final class HistoryState {

    final List<History.Recommendation> recommendations;
    final List<History.ScaleEvent> scaleUpEvents;
    final List<History.ScaleEvent> scaleDownEvents;
    private final boolean known;

    HistoryState(History history) {
        this.known = history != null;
        History h = history == null ? History.empty() : history;
        this.recommendations = new ArrayList<>(h.recommendations());
        this.scaleUpEvents = new ArrayList<>(h.scaleUpEvents());
        this.scaleDownEvents = new ArrayList<>(h.scaleDownEvents());
    }

    /** recordInitialRecommendation: a first-seen autoscaler starts with the current replicas as a recommendation. */
    void seedIfNew(int currentReplicas, Instant now) {
        if (!known && recommendations.isEmpty()) {
            recommendations.add(new History.Recommendation(currentReplicas, now));
        }
    }

    History toHistory() {
        return new History(recommendations, scaleUpEvents, scaleDownEvents);
    }
}
