package dev.scalebus.metricsapi.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scalebus.events.EventJson;
import dev.scalebus.events.Topics;
import dev.scalebus.metricsapi.Scrapes;
import dev.scalebus.metricsapi.TestData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The feed loop under faults: a broker that is not there, and a sink that kills the loop's thread. */
class ScrapeFeedFaultTest {

    private static final ScrapeFeed.RecordSink IGNORE = new ScrapeFeed.RecordSink() {
        @Override
        public void accept(byte[] value) {
        }

        @Override
        public String summary() {
            return "nothing";
        }
    };

    @Test
    void withoutABrokerTheFeedIsNeverReadyButItsLoopLivesAndKeepsRetrying() {
        Clock clock = Clock.systemUTC();
        // nothing listens on port 1: every metadata request of the consumer times out within the step bound
        try (ScrapeFeed feed = new ScrapeFeed("127.0.0.1:1", "scalebus.unreachable", IGNORE, Duration.ofSeconds(30),
                clock, FeedHealth.forResolution(clock, Duration.ofSeconds(1)))) {
            feed.start();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(feed.live()).isTrue();
                assertThat(feed.ready()).isFalse();
                assertThat(feed.consumerRestarts()).isGreaterThanOrEqualTo(3);
            });
        }
    }

    @Test
    void aLoopWhoseThreadDiedIsNotLive() {
        TestData.send("feed-fault-" + TestData.ID, EventJson.toBytes(Scrapes.scrape("feed-fault-" + TestData.ID,
                Instant.now(), 1, 1)));
        AtomicBoolean thrown = new AtomicBoolean();
        ScrapeFeed.RecordSink fatal = new ScrapeFeed.RecordSink() {
            @Override
            public void accept(byte[] value) {
                thrown.set(true);
                throw new StackOverflowError("simulated: an Error is not caught by the loop");
            }

            @Override
            public String summary() {
                return "nothing";
            }
        };
        try (ScrapeFeed feed = new ScrapeFeed(TestData.bootstrap(), Topics.NODE_SCRAPES, fatal,
                Duration.ofMinutes(1), Clock.systemUTC())) {
            assertThat(feed.live()).as("not started yet").isTrue();
            feed.start();
            // Awaitility would otherwise report the feed thread's Error as this test's failure
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30)).until(thrown::get);
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).until(() -> !feed.live());
        }
    }

    @Test
    void onTheRealBrokerTheFeedBecomesReadyAndStaysLive() {
        Clock clock = Clock.systemUTC();
        try (ScrapeFeed feed = new ScrapeFeed(TestData.bootstrap(), Topics.NODE_SCRAPES, IGNORE,
                Duration.ofSeconds(30), clock, FeedHealth.forResolution(clock, Duration.ofSeconds(1)))) {
            feed.start();
            await().atMost(Duration.ofSeconds(30)).until(feed::ready);
            // quiet topic or not, the end-offset checks keep it current beyond the 3 s stale bound
            long restarts = feed.consumerRestarts();
            await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(feed.ready()).isTrue();
                assertThat(feed.live()).isTrue();
            });
            assertThat(feed.consumerRestarts()).isEqualTo(restarts);
        }
    }
}
