package dev.scalebus.history.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PartitionNamesTest {

    @Test
    void namesAPartitionAfterItsUtcDay() {
        assertThat(PartitionNames.partition("container_samples", LocalDate.of(2026, 11, 2)))
                .isEqualTo("container_samples_p20261102");
        assertThat(PartitionNames.dayOf(Instant.parse("2026-11-02T23:59:59.999Z"))).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(PartitionNames.start(LocalDate.of(2026, 11, 2))).isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
    }

    @Test
    void readsTheDayBackOnlyFromItsOwnTablesPartitions() {
        assertThat(PartitionNames.dayOf("pod_samples", "pod_samples_p20261102")).contains(LocalDate.of(2026, 11, 2));
        assertThat(PartitionNames.dayOf("pod_samples", "container_samples_p20261102")).isEmpty();
        assertThat(PartitionNames.dayOf("pod_samples", "pod_samples_default")).isEmpty();
    }

    @Test
    void aDayExpiresOnlyWhenItsWholeRangeIsBeforeTheCutoff() {
        LocalDate day = LocalDate.of(2026, 11, 2);
        assertThat(PartitionNames.expired(day, Instant.parse("2026-11-03T00:00:00Z"))).isTrue();
        assertThat(PartitionNames.expired(day, Instant.parse("2026-11-02T23:59:59Z"))).isFalse();
    }
}
