package dev.scalebus.autoscaler.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScrapeTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    private static RecordedPod row(long second, String pod, String node) {
        return new RecordedPod(T.plusSeconds(second), pod, "Running", true, 1L, 1L, 1L, 1L, node);
    }

    private static List<String> pods(Scrape s) {
        return s.pods().stream().map(RecordedPod::pod).sorted().toList();
    }

    @Test
    void eachViewHoldsTheLatestScrapeOfEveryNodeAsTheLiveMetricsWindowDoes() {
        List<Scrape> views = Scrape.of(List.of(
                row(0, "a", "n1"), row(5, "b", "n2"),
                row(15, "a", "n1"), row(15, "c", "n1"),  // c starts on n1
                row(20, "b", "n2"),
                row(30, "c", "n1")));                      // a left n1
        assertThat(views).extracting(Scrape::time).containsExactly(T, T.plusSeconds(5), T.plusSeconds(15),
                T.plusSeconds(20), T.plusSeconds(30));
        assertThat(pods(views.get(1))).containsExactly("a", "b");
        assertThat(pods(views.get(2))).containsExactly("a", "b", "c");
        assertThat(views.get(3).liveCount()).isEqualTo(3);
        assertThat(pods(views.get(4))).containsExactly("b", "c");
    }

    @Test
    void aNodeNotScrapedForLongerThanTheMaximumAgeLeavesTheView() {
        List<Scrape> views = Scrape.of(List.of(row(0, "a", "n1"), row(0, "b", "n2"), row(120, "b", "n2"),
                row(121, "b", "n2")));

        assertThat(pods(views.get(1))).containsExactly("a", "b"); // exactly 2 minutes old: still served
        assertThat(pods(views.get(2))).containsExactly("b");
    }
}
