package dev.scalebus.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PublishBufferTest {

    @Test
    void outageShorterThanTheBoundLosesNothingAndKeepsOrder() throws Exception {
        PublishBuffer<String> buffer = new PublishBuffer<>(10);
        String inFlight = "cycle-0";
        for (int i = 1; i <= 9; i++) {
            assertThat(buffer.offer("cycle-" + i)).isZero();
        }
        assertThat(buffer.requeue(inFlight)).as("the nacked send goes back to the head").isZero();

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
    void failedSendIntoAFullBufferIsTheOneDropped() throws Exception {
        PublishBuffer<String> buffer = new PublishBuffer<>(2);
        buffer.offer("new-1");
        buffer.offer("new-2");

        assertThat(buffer.requeue("old")).isEqualTo(1);
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

    private static List<String> drain(PublishBuffer<String> buffer) throws InterruptedException {
        List<String> out = new ArrayList<>();
        for (String next = buffer.poll(0, TimeUnit.MILLISECONDS); next != null;
                next = buffer.poll(0, TimeUnit.MILLISECONDS)) {
            out.add(next);
        }
        return out;
    }
}
