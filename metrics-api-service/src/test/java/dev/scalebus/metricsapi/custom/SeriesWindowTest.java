package dev.scalebus.metricsapi.custom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.events.CustomMetricSamples;
import dev.scalebus.events.CustomMetricSamples.SeriesSample;
import dev.scalebus.metricsapi.window.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesWindowTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static CustomMetricSamples scrape(String ns, String pod, Instant at, SeriesSample... series) {
        return CustomMetricSamples.of(ns, pod, "node-1", at, 3, List.of(series));
    }

    static SeriesSample counter(String name, double value, String... labels) {
        Map<String, String> l = new java.util.HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            l.put(labels[i], labels[i + 1]);
        }
        return new SeriesSample(name, "counter", l, value, null);
    }

    private final MutableClock clock = new MutableClock(T0);
    private final SeriesWindow window = new SeriesWindow(clock, Duration.ofMinutes(6), Duration.ofSeconds(40));

    @Test
    void keepsSamplesPerSeriesWithTheTargetLabelsAndDropsOutOfOrderOnes() {
        window.accept(scrape("ns", "web-1", T0, counter("http_requests_total", 1, "code", "200")));
        window.accept(scrape("ns", "web-1", T0.plusSeconds(15), counter("http_requests_total", 16, "code", "200")));
        window.accept(scrape("ns", "web-1", T0.plusSeconds(15), counter("http_requests_total", 16, "code", "200")));
        clock.advance(Duration.ofSeconds(15));

        List<Series> all = window.select("http_requests_total", l -> true);
        assertThat(all).hasSize(1);
        assertThat(all.get(0).labels()).containsEntry("kubernetes_pod_name", "web-1")
                .containsEntry("namespace", "ns").containsEntry("code", "200");
        assertThat(Arrays.stream(all.get(0).values()).boxed().toList()).containsExactly(1.0, 16.0);
        assertThat(window.outOfOrderSamples()).isEqualTo(1);
    }

    @Test
    void aSeriesMissingFromThePodsNewestScrapeGoesStaleAtThatScrape() {
        window.accept(scrape("ns", "web-1", T0, counter("a_total", 1), counter("b_total", 1)));
        window.accept(scrape("ns", "web-1", T0.plusSeconds(15), counter("a_total", 2)));
        clock.advance(Duration.ofSeconds(20));

        Series b = window.select("b_total", l -> true).get(0);
        assertThat(b.staleMillis()).isEqualTo(T0.plusSeconds(15).toEpochMilli());
        assertThat(PromFunctions.instant(b, clock.millis())).isEmpty();
        assertThat(window.select("a_total", l -> true).get(0).staleMillis()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void podsThatStopReportingExpireWithTheirSeries() {
        window.accept(scrape("ns", "gone", T0, counter("a_total", 1)));
        window.accept(scrape("ns", "live", T0, counter("a_total", 1)));
        clock.advance(Duration.ofSeconds(30));
        window.accept(scrape("ns", "live", clock.instant(), counter("a_total", 2)));
        clock.advance(Duration.ofSeconds(15));

        assertThat(window.expire()).isEqualTo(1);
        assertThat(window.select("a_total", l -> true)).extracting(s -> s.labels().get("pod"))
                .containsExactly("live");
        assertThat(window.podCount()).isEqualTo(1);
        assertThat(window.expiredSeries()).isEqualTo(1);
    }

    @Test
    void samplesOlderThanTheRetentionAreDropped() {
        SeriesWindow longLived = new SeriesWindow(clock, Duration.ofMinutes(6), Duration.ofHours(1));
        for (int i = 0; i <= 40; i++) { // 10 minutes of 15 s scrapes, each taken when it was made
            if (i > 0) {
                clock.advance(Duration.ofSeconds(15));
            }
            longLived.accept(scrape("ns", "p", T0.plusSeconds(15L * i), counter("a_total", i)));
        }
        longLived.expire();
        Series s = longLived.select("a_total", l -> true).get(0);
        assertThat(s.timesMillis()[0]).isEqualTo(T0.plus(Duration.ofMinutes(4)).toEpochMilli());
        assertThat(s.size()).isEqualTo(25);
    }

    @Test
    void aFarFutureSampleDoesNotPinTheSeries() {
        window.accept(scrape("ns", "web-1", T0, counter("http_requests_total", 1)));
        window.accept(scrape("ns", "web-1", Instant.parse("2030-01-01T00:00:00Z"),
                counter("http_requests_total", 999)));
        window.accept(scrape("ns", "web-1", T0.plusSeconds(15), counter("http_requests_total", 16)));
        clock.advance(Duration.ofSeconds(15));

        Series s = window.select("http_requests_total", l -> true).get(0);
        assertThat(Arrays.stream(s.values()).boxed().toList()).containsExactly(1.0, 16.0);
        assertThat(window.outOfOrderSamples()).isZero();
        assertThat(window.rejected(dev.scalebus.metricsapi.window.Rejection.FUTURE_TIME)).isEqualTo(1);
    }
}
