package dev.scalebus.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PublishBufferTest {

    @Test
    void failedSendsGoBackToTheirPlaceSoAnOutageWithinTheBoundLosesNothing() throws Exception {
        PublishBuffer<String> buffer = new PublishBuffer<>(100);
        for (int i = 0; i < 10; i++) {
            assertThat(buffer.offer("cycle-" + i, 10)).isEqualTo(PublishBuffer.Removed.NONE);
        }
        // three sends in flight when the broker went away; they fail in send order
        List<PublishBuffer.Queued<String>> inFlight = List.of(poll(buffer), poll(buffer), poll(buffer));
        assertThat(buffer.bytes()).isEqualTo(70);
        for (PublishBuffer.Queued<String> failed : inFlight) {
            assertThat(buffer.requeue(failed.failedOnce())).isEqualTo(PublishBuffer.Removed.NONE);
        }

        assertThat(buffer.bytes()).isEqualTo(100);
        List<PublishBuffer.Queued<String>> drained = drain(buffer);
        assertThat(drained).extracting(PublishBuffer.Queued::item).containsExactly("cycle-0", "cycle-1", "cycle-2",
                "cycle-3", "cycle-4", "cycle-5", "cycle-6", "cycle-7", "cycle-8", "cycle-9");
        assertThat(drained).extracting(PublishBuffer.Queued::failures).containsExactly(1, 1, 1, 0, 0, 0, 0, 0, 0, 0);
        assertThat(buffer.dropped()).isZero();
        assertThat(buffer.bytes()).isZero();
    }

    @Test
    void theBoundIsInBytesAndTheOldestRecordsGoUntilTheNewOneFits() throws Exception {
        PublishBuffer<String> buffer = new PublishBuffer<>(1000);
        buffer.offer("small-1", 100);
        buffer.offer("small-2", 100);
        buffer.offer("small-3", 100);
        buffer.offer("big-1", 600);
        assertThat(buffer.bytes()).isEqualTo(900);

        PublishBuffer.Removed dropped = buffer.offer("big-2", 250); // 1150 > 1000: the two oldest go

        assertThat(dropped).isEqualTo(new PublishBuffer.Removed(2, 200));
        assertThat(buffer.dropped()).isEqualTo(2);
        assertThat(buffer.droppedBytes()).isEqualTo(200);
        assertThat(buffer.bytes()).isEqualTo(950);
        assertThat(buffer.size()).isEqualTo(3);
        assertThat(drain(buffer)).extracting(PublishBuffer.Queued::item).containsExactly("small-3", "big-1", "big-2");
    }

    @Test
    void manySmallRecordsFitWhereAnEventCountWouldHaveStopped() {
        PublishBuffer<Integer> buffer = new PublishBuffer<>(64L << 20);
        for (int i = 0; i < 100_000; i++) {
            buffer.offer(i, 300);
        }
        assertThat(buffer.size()).isEqualTo(100_000);
        assertThat(buffer.bytes()).isEqualTo(30_000_000L);
        assertThat(buffer.dropped()).isZero();
    }

    @Test
    void aRecordHeavierThanTheWholeBoundDropsItselfAfterTheOthers() throws Exception {
        PublishBuffer<String> buffer = new PublishBuffer<>(100);
        buffer.offer("a", 40);

        assertThat(buffer.offer("huge", 150)).isEqualTo(new PublishBuffer.Removed(2, 190));
        assertThat(buffer.size()).isZero();
        assertThat(buffer.bytes()).isZero();
        assertThat(buffer.offer("b", 10)).isEqualTo(PublishBuffer.Removed.NONE);
    }

    @Test
    void failedSendOlderThanEverythingInAFullBufferIsTheOneDropped() throws Exception {
        PublishBuffer<String> buffer = new PublishBuffer<>(20);
        buffer.offer("old", 10);
        PublishBuffer.Queued<String> old = poll(buffer);
        buffer.offer("new-1", 10);
        buffer.offer("new-2", 10);

        assertThat(buffer.requeue(old)).isEqualTo(new PublishBuffer.Removed(1, 10));
        assertThat(drain(buffer)).extracting(PublishBuffer.Queued::item).containsExactly("new-1", "new-2");
    }

    @Test
    void offerNeverBlocksEvenWithoutAConsumer() {
        PublishBuffer<Integer> buffer = new PublishBuffer<>(1000);
        for (int i = 0; i < 100_000; i++) {
            buffer.offer(i, 10);
        }
        assertThat(buffer.size()).isEqualTo(100);
        assertThat(buffer.dropped()).isEqualTo(99_900);
        assertThat(buffer.droppedBytes()).isEqualTo(999_000);
    }

    @Test
    void clearSaysWhatWasLeft() throws Exception {
        PublishBuffer<String> buffer = new PublishBuffer<>(1000);
        buffer.offer("a", 10);
        buffer.offer("b", 20);
        buffer.offer("c", 30);
        poll(buffer);

        assertThat(buffer.clear()).isEqualTo(new PublishBuffer.Removed(2, 50));
        assertThat(buffer.size()).isZero();
        assertThat(buffer.bytes()).isZero();
        assertThat(buffer.dropped()).as("clearing is not a full-buffer drop").isZero();
    }

    @Test
    void pollReturnsNullWhenNothingArrives() throws Exception {
        assertThat(new PublishBuffer<String>(1).poll(10, TimeUnit.MILLISECONDS)).isNull();
    }

    private static PublishBuffer.Queued<String> poll(PublishBuffer<String> buffer) throws InterruptedException {
        return buffer.poll(0, TimeUnit.MILLISECONDS);
    }

    private static List<PublishBuffer.Queued<String>> drain(PublishBuffer<String> buffer) throws InterruptedException {
        List<PublishBuffer.Queued<String>> out = new ArrayList<>();
        for (PublishBuffer.Queued<String> next = poll(buffer); next != null; next = poll(buffer)) {
            out.add(next);
        }
        return out;
    }
}
