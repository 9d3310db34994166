package dev.scalebus.metricsapi.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.metricsapi.TlsTestResource;
import dev.scalebus.metricsapi.window.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaRefresherTest {

    static String caA;
    static String caB;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T01:00:00Z"));
    /** What the ConfigMap holds; null: the apiserver cannot be reached. */
    private final AtomicReference<String> configMap = new AtomicReference<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final Callable<Optional<String>> source = () -> {
        reads.incrementAndGet();
        String pem = configMap.get();
        if (pem == null) {
            throw new IllegalStateException("connection refused");
        }
        return Optional.of(pem);
    };

    @BeforeAll
    static void certificates() throws Exception {
        Map<String, String> tls = new TlsTestResource().start();
        caA = Files.readString(Path.of(tls.get("scalebus.metrics-api.tls.cert-file"))).strip();
        caB = Files.readString(TlsTestResource.file("ca.crt")).strip();
    }

    private CaRefresher refresher(Optional<String> atStart) {
        return new CaRefresher(source, atStart, dir.resolve("ca.crt"), clock, Duration.ofMinutes(1),
                Duration.ofSeconds(5));
    }

    @Test
    void aFailedStartIsRetriedWithBackoffUntilTheCaIsRead() throws Exception {
        CaRefresher r = refresher(Optional.empty());
        assertThat(r.cas()).isEmpty();

        int[] waits = {5, 10, 20, 40, 60, 60};
        for (int wait : waits) {
            clock.advance(Duration.ofSeconds(wait).minusMillis(1));
            r.tick();
            int before = reads.get();
            clock.advance(Duration.ofMillis(1));
            r.tick();
            assertThat(reads.get()).as("read after %ds, not before", wait).isEqualTo(before + 1);
        }
        assertThat(r.cas()).isEmpty();

        configMap.set(caA);
        clock.advance(Duration.ofSeconds(60));
        r.tick();
        assertThat(r.cas()).hasSize(1);
        assertThat(Files.readString(dir.resolve("ca.crt")).strip()).isEqualTo(caA);
        assertThat(r.nextMillis()).isEqualTo(clock.millis() + 60_000);
    }

    @Test
    void aRotatedCaReplacesTheFileAndAFailedRefreshKeepsTheLastGoodOne() throws Exception {
        configMap.set(caA);
        CaRefresher r = refresher(Optional.of(caA));
        clock.advance(Duration.ofSeconds(59));
        r.tick();
        assertThat(reads.get()).as("first refresh a minute after start").isZero();

        configMap.set(caA + "\n" + caB); // rotation: old and new CA side by side
        clock.advance(Duration.ofSeconds(1));
        r.tick();
        assertThat(r.cas()).hasSize(2);
        assertThat(Files.readString(dir.resolve("ca.crt"))).contains(caB);

        configMap.set(null);
        clock.advance(Duration.ofMinutes(1));
        r.tick();
        assertThat(r.cas()).hasSize(2);
        assertThat(Files.readString(dir.resolve("ca.crt"))).contains(caA).contains(caB);

        configMap.set(caB);
        clock.advance(Duration.ofSeconds(5)); // retried sooner than the interval after a failure
        r.tick();
        assertThat(r.cas()).hasSize(1);
        assertThat(Files.readString(dir.resolve("ca.crt")).strip()).isEqualTo(caB);
    }

    @Test
    void anUnparsableCaIsAFailureThatKeepsTheLastGoodOne() throws Exception {
        CaRefresher r = refresher(Optional.of(caA));
        Files.writeString(dir.resolve("ca.crt"), caA + "\n");
        configMap.set("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----");
        clock.advance(Duration.ofMinutes(1));
        r.tick();

        assertThat(r.cas()).hasSize(1);
        assertThat(Files.readString(dir.resolve("ca.crt")).strip()).isEqualTo(caA);
    }
}
