package dev.scalebus.metricsapi.window;

import static dev.scalebus.metricsapi.Scrapes.container;
import static dev.scalebus.metricsapi.Scrapes.pod;
import static dev.scalebus.metricsapi.Scrapes.scrape;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.events.ContainerSample;
import dev.scalebus.events.CustomMetricSamples;
import dev.scalebus.events.CustomMetricSamples.SeriesSample;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.NodeUsage;
import dev.scalebus.events.PodSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordValidatorTest {

    private static final Instant T0 = Instant.parse("2026-11-22T01:00:00Z");
    private static final long OLDEST = T0.minusSeconds(40).toEpochMilli();
    private final MutableClock clock = new MutableClock(T0);
    private final RecordValidator validator = new RecordValidator(clock, new RecordLimits(Duration.ofMinutes(2)));

    @Test
    void acceptsAScrapeFromAClockRunningAMinuteAheadOrBehindWithinExpiry() {
        assertThat(validator.check(scrape("n1", T0.plusSeconds(60), 1, 1,
                pod("ns", "p", Map.of(), container("c", T0.plusSeconds(59), 15_000, 1, 1))), OLDEST)).isNull();
        assertThat(validator.check(scrape("n1", T0.minusSeconds(30), 1, 1), OLDEST)).isNull();
        assertThat(validator.check(scrape("n1", T0.plus(Duration.ofMinutes(2)), 1, 1), OLDEST))
                .as("exactly at the allowance").isNull();
    }

    @Test
    void refusesMeasurementTimesBeyondTheFutureSkew() {
        assertThat(validator.check(scrape("n1", Instant.parse("2030-01-01T00:00:00Z"), 3_999_000_000L, 1), OLDEST))
                .isEqualTo(Rejection.FUTURE_TIME);
        assertThat(validator.check(scrape("n1", T0.plus(Duration.ofMinutes(2)).plusMillis(1), 1, 1), OLDEST))
                .isEqualTo(Rejection.FUTURE_TIME);
        NodeUsage futureNode = new NodeUsage(T0.plus(Duration.ofDays(1)), 15_000L, 1L, null, 1L, null, null, null,
                null, null, null);
        assertThat(validator.check(NodeScrape.of("n1", T0, 1, "/metrics/resource", futureNode, List.of()), OLDEST))
                .as("node usage timestamp").isEqualTo(Rejection.FUTURE_TIME);
        assertThat(validator.check(scrape("n1", T0, 1, 1, pod("ns", "p", Map.of(),
                container("c", T0.plus(Duration.ofDays(365)), 15_000, 1, 1))), OLDEST))
                .as("container timestamp").isEqualTo(Rejection.FUTURE_TIME);
    }

    @Test
    void refusesScrapesTooOldToServeAndStaleMeasurementsInAFreshScrape() {
        assertThat(validator.check(scrape("n1", Instant.parse("2001-01-01T00:00:00Z"), 1, 1), OLDEST))
                .isEqualTo(Rejection.TOO_OLD);
        assertThat(validator.check(scrape("n1", T0, 1, 1, pod("ns", "p", Map.of(),
                container("c", Instant.EPOCH, 15_000, 1, 1))), OLDEST)).isEqualTo(Rejection.TOO_OLD);
    }

    @Test
    void refusesNegativeUsage() {
        assertThat(validator.check(scrape("n1", T0, -1, 1), OLDEST)).isEqualTo(Rejection.NEGATIVE_USAGE);
        assertThat(validator.check(scrape("n1", T0, 1, -1), OLDEST)).isEqualTo(Rejection.NEGATIVE_USAGE);
        assertThat(validator.check(scrape("n1", T0, 1, 1, pod("ns", "p", Map.of(),
                container("c", T0, 15_000, 1, -4096))), OLDEST)).isEqualTo(Rejection.NEGATIVE_USAGE);
        assertThat(validator.check(scrape("n1", T0, 1, 1, pod("ns", "p", Map.of(),
                container("c", T0, -15_000, 1, 1))), OLDEST)).isEqualTo(Rejection.NEGATIVE_USAGE);
    }

    @Test
    void refusesAbsurdSizes() {
        List<PodSample> many = new ArrayList<>();
        for (int i = 0; i <= RecordLimits.MAX_PODS_PER_NODE; i++) {
            many.add(pod("ns", "p-" + i, Map.of(), container("c", T0, 15_000, 1, 1)));
        }
        assertThat(validator.check(scrape("n1", T0, 1, 1, many.toArray(PodSample[]::new)), OLDEST))
                .isEqualTo(Rejection.TOO_LARGE);
        assertThat(validator.check(scrape("n1", T0, 1, 1, many.subList(0, 5_000).toArray(PodSample[]::new)),
                OLDEST)).as("5000 pods is the limit, not over it").isNull();
        String longName = "x".repeat(254);
        assertThat(validator.check(scrape(longName, T0, 1, 1), OLDEST)).isEqualTo(Rejection.TOO_LARGE);
        assertThat(validator.check(scrape("n1", T0, 1, 1, pod("ns", longName, Map.of(),
                container("c", T0, 15_000, 1, 1))), OLDEST)).isEqualTo(Rejection.TOO_LARGE);
        ContainerSample longContainer = container(longName, T0, 15_000, 1, 1);
        assertThat(validator.check(scrape("n1", T0, 1, 1, pod("ns", "p", Map.of(), longContainer)), OLDEST))
                .isEqualTo(Rejection.TOO_LARGE);
        assertThat(validator.check(scrape("x".repeat(253), T0, 1, 1), OLDEST)).isNull();
    }

    @Test
    void refusesCustomSamplesWithFutureTimesButNotNegativeGauges() {
        SeriesSample gauge = new SeriesSample("temperature", "gauge", Map.of(), -3.5, null);
        assertThat(validator.check(CustomMetricSamples.of("ns", "p", "n1", T0, 3, List.of(gauge)), OLDEST)).isNull();
        assertThat(validator.check(CustomMetricSamples.of("ns", "p", "n1", Instant.parse("2030-01-01T00:00:00Z"), 3,
                List.of(gauge)), OLDEST)).isEqualTo(Rejection.FUTURE_TIME);
        SeriesSample future = new SeriesSample("requests_total", "counter", Map.of(), 1,
                Instant.parse("2030-01-01T00:00:00Z").toEpochMilli());
        assertThat(validator.check(CustomMetricSamples.of("ns", "p", "n1", T0, 3, List.of(future)), OLDEST))
                .isEqualTo(Rejection.FUTURE_TIME);
        assertThat(validator.check(CustomMetricSamples.of("ns", "p", "n1", Instant.EPOCH, 3, List.of(gauge)), OLDEST))
                .isEqualTo(Rejection.TOO_OLD);
    }

    @Test
    void countsEveryRefusalByReasonAndTheAllowanceFollowsTheClock() {
        NodeScrape ahead = scrape("n1", T0.plus(Duration.ofMinutes(5)), 1, 1);
        assertThat(validator.admit(ahead, OLDEST)).isFalse();
        assertThat(validator.admit(ahead, OLDEST)).isFalse();
        assertThat(validator.admit(scrape("n1", T0, -1, 1), OLDEST)).isFalse();
        assertThat(validator.rejected(Rejection.FUTURE_TIME)).isEqualTo(2);
        assertThat(validator.rejected(Rejection.NEGATIVE_USAGE)).isEqualTo(1);
        assertThat(validator.rejected(Rejection.TOO_LARGE)).isZero();

        clock.advance(Duration.ofMinutes(4));
        assertThat(validator.admit(ahead, OLDEST)).as("no longer beyond the allowance").isTrue();
    }
}
