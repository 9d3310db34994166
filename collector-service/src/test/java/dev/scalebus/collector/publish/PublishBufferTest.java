package dev.scalebus.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PublishBufferTest {

    @Test
    void failedSendsGoBackToTheirPlaceSoAnOutageWithinTheBoundLosesNothing() throws Exception {
        PublishBuffer<String> buffer = new PublishBuffer<>(10);
        for (int i = 0; i < 10; i++) {
            assertThat(buffer.offer("cycle-" + i)).isZero();
        }
        // three sends in flight when the broker went away; they fail in send order
        List<PublishBuffer.Queued<String>> inFlight = List.of(poll(buffer), poll(buffer), poll(buffer));
        for (PublishBuffer.Queued<String> failed : inFlight) {
            assertThat(buffer.requeue(failed)).isZero();
        }

        assertThat(drain(buffer)).containsExactly("cycle-0", "cycle-1", "cycle-2", "cycle-3", "cycle-4", "cycle-5",
                "cycle-6", "cycle-7", "cycle-8", "cycle-9");
        assertThat(buffer.dropped()).isZero();
    }

    @Test
    void fullBufferDropsTheOldestAndCountsThem() throws Exception {
        PublishBuffer<String> buffer = new PublishBuffer<>(3);
        int dropped = 0;
        for (int i = 1; i <= 5; i++) {
            dropped += buffer.offer("cycle-" + i);
        }

        assertThat(dropped).isEqualTo(2);
        assertThat(buffer.dropped()).isEqualTo(2);
        assertThat(drain(buffer)).containsExactly("cycle-3", "cycle-4", "cycle-5");
    }

    @Test
    void failedSendOlderThanEverythingInAFullBufferIsTheOneDropped() throws Exception {
        PublishBuffer<String> buffer = new PublishBuffer<>(2);
        buffer.offer("old");
        PublishBuffer.Queued<String> old = poll(buffer);
        buffer.offer("new-1");
        buffer.offer("new-2");

        assertThat(buffer.requeue(old)).isEqualTo(1);
        assertThat(drain(buffer)).containsExactly("new-1", "new-2");
    }

    @Test
    void offerNeverBlocksEvenWithoutAConsumer() {
        PublishBuffer<Integer> buffer = new PublishBuffer<>(100);
        for (int i = 0; i < 100_000; i++) {
            buffer.offer(i);
        }
        assertThat(buffer.size()).isEqualTo(100);
        assertThat(buffer.dropped()).isEqualTo(99_900);
    }

    @Test
    void pollReturnsNullWhenNothingArrives() throws Exception {
        assertThat(new PublishBuffer<String>(1).poll(10, TimeUnit.MILLISECONDS)).isNull();
    }

    private static PublishBuffer.Queued<String> poll(PublishBuffer<String> buffer) throws InterruptedException {
        return buffer.poll(0, TimeUnit.MILLISECONDS);
    }

    private static List<String> drain(PublishBuffer<String> buffer) throws InterruptedException {
        List<String> out = new ArrayList<>();
        for (PublishBuffer.Queued<String> next = poll(buffer); next != null; next = poll(buffer)) {
            out.add(next.item());
        }
        return out;
    }
}
