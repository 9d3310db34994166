package dev.scalebus.simulator.workload;

import java.time.Duration;
import java.time.Instant;

/**
 * A container's cumulative CPU counter, integrated lazily from the usage model whenever someone reads it
 * (a scrape, or the controller before it changes the pod set). Thread-safe.
 */
public final class SimContainer {

    /** Longest integration step: load profiles change slowly compared with this. */
    private static final long MAX_STEP_NANOS = Duration.ofSeconds(1).toNanos();
    private static final int MAX_STEPS = 600;

    private final String name;
    private final long cpuRequestMillicores;
    private final long cpuLimitMillicores;
    private final long memoryRequestBytes;
    private Instant startTime;
    private Instant lastAdvance;
    private double cumulativeCoreNanos;
    private int restartCount;
    /** Created on the first request served (most containers never serve any: sidecars, filler pods). */
    private RequestCounters requests;

    public SimContainer(String name, long cpuRequestMillicores, long cpuLimitMillicores, long memoryRequestBytes,
            Instant startTime) {
        this.name = name;
        this.cpuRequestMillicores = cpuRequestMillicores;
        this.cpuLimitMillicores = cpuLimitMillicores;
        this.memoryRequestBytes = memoryRequestBytes;
        this.startTime = startTime;
        this.lastAdvance = startTime;
    }

    public String name() {
        return name;
    }

    public long cpuRequestMillicores() {
        return cpuRequestMillicores;
    }

    public long cpuLimitMillicores() {
        return cpuLimitMillicores;
    }

    public long memoryRequestBytes() {
        return memoryRequestBytes;
    }

    public synchronized Instant startTime() {
        return startTime;
    }

    public synchronized int restartCount() {
        return restartCount;
    }

    public synchronized ContainerUsage sample(SimPod pod, Instant now) {
        advance(pod, now);
        double rate = cappedRate(pod, now);
        return new ContainerUsage(name, startTime, (long) cumulativeCoreNanos, (long) rate,
                pod.model().memoryWorkingSetBytes(pod, this, now));
    }

    /** Restarts the container: its counter and start time reset; returns the usage it had (the pod keeps it). */
    public synchronized long restart(SimPod pod, Instant now) {
        advance(pod, now);
        long retired = (long) cumulativeCoreNanos;
        cumulativeCoreNanos = 0;
        requests = null;
        startTime = now;
        lastAdvance = now;
        restartCount++;
        return retired;
    }

    /** The requests this container served since it (re)started, integrated up to {@code now}. */
    public synchronized RequestCounters.Stats requestStats(SimPod pod, Instant now) {
        advance(pod, now);
        return requests == null ? RequestCounters.Stats.ZERO : requests.stats();
    }

    /** Brings the counter up to {@code now} with the usage as it is now (the caller then changes the pod set). */
    public synchronized void advanceTo(SimPod pod, Instant now) {
        advance(pod, now);
    }

    private void advance(SimPod pod, Instant now) {
        if (!now.isAfter(lastAdvance)) {
            return;
        }
        long spanNanos = Duration.between(lastAdvance, now).toNanos();
        long steps = Math.min(MAX_STEPS, Math.max(1, (spanNanos + MAX_STEP_NANOS - 1) / MAX_STEP_NANOS));
        long stepNanos = spanNanos / steps;
        Instant cursor = lastAdvance;
        for (long i = 0; i < steps; i++) {
            long thisStep = i == steps - 1 ? spanNanos - stepNanos * (steps - 1) : stepNanos;
            Instant mid = cursor.plusNanos(thisStep / 2);
            double demand = pod.model().cpuNanoCores(pod, this, mid);
            cumulativeCoreNanos += capped(demand) * thisStep / 1e9;
            double rps = pod.model().requestsPerSecond(pod, this, mid);
            if (rps > 0) {
                if (requests == null) {
                    requests = new RequestCounters();
                }
                double utilization = cpuRequestMillicores > 0 ? demand / (cpuRequestMillicores * 1e6) : 0;
                requests.add(rps * thisStep / 1e9, RequestCounters.meanLatencySeconds(utilization));
            }
            cursor = cursor.plusNanos(thisStep);
        }
        lastAdvance = now;
    }

    private double cappedRate(SimPod pod, Instant at) {
        return capped(pod.model().cpuNanoCores(pod, this, at));
    }

    private double capped(double rate) {
        return cpuLimitMillicores > 0 ? Math.min(rate, cpuLimitMillicores * 1e6) : rate;
    }
}
