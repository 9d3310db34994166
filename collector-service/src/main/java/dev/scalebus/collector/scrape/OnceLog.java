package dev.scalebus.collector.scrape;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which (subject, reason) pairs were already logged, so a node failing every cycle, or a pod missing a
 * sample every cycle, is logged once rather than as a storm (metrics-server #237, #299, #349). When the subject
 * recovers, {@link #recovered} forgets it so a later relapse is logged again.
 */
public final class OnceLog {

    /** Pods come and go without telling us: beyond this many remembered subjects start afresh (bounded memory). */
    static final int MAX_SUBJECTS = 50_000;

    private final Map<String, String> reasonBySubject = new ConcurrentHashMap<>();

    /** True the first time {@code subject} is seen with {@code reason} (or after a different reason). */
    public boolean first(String subject, String reason) {
        if (reasonBySubject.size() >= MAX_SUBJECTS) {
            reasonBySubject.clear();
        }
        return !reason.equals(reasonBySubject.put(subject, reason));
    }

    /** True when the subject had a logged problem that is now gone. */
    public boolean recovered(String subject) {
        return reasonBySubject.remove(subject) != null;
    }

    /** Forgets every subject starting with {@code prefix} (a node and its pods when the node goes away). */
    public void forget(String prefix) {
        reasonBySubject.keySet().removeIf(subject -> subject.startsWith(prefix));
    }
}
