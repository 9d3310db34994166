package dev.scalebus.history.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebus.history.HistoryConfig;
import dev.scalebus.history.store.Step;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QueryRulesTest {

    static final HistoryConfig.Api API = new HistoryConfig.Api() {
        public int defaultLimit() {
            return 100;
        }

        public int maxLimit() {
            return 1000;
        }

        public Duration rawMaxRange() {
            return Duration.ofHours(6);
        }

        public Duration minuteMaxRange() {
            return Duration.ofDays(7);
        }

        public Duration defaultRange() {
            return Duration.ofHours(1);
        }

        public int maxTop() {
            return 100;
        }

        public Duration queryTimeout() {
            return Duration.ofSeconds(10);
        }

        public Duration maxRange() {
            return Duration.ofDays(31);
        }
    };

    final QueryRules rules = new QueryRules(API, API.maxRange());
    final Instant now = Instant.parse("2026-11-22T12:00:00Z");

    private static void assertField(Runnable call, String field, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void defaultsToTheLastHourEndingNow() {
        assertThat(rules.range(null, null, now)).isEqualTo(new TimeRange(now.minusSeconds(3600), now));
        assertThat(rules.range("2026-11-22T10:00:00+02:00", null, now).from())
                .isEqualTo(Instant.parse("2026-11-22T08:00:00Z"));
    }

    @Test
    void refusesMalformedTimesAndFromAfterTo() {
        assertField(() -> rules.range("yesterday", null, now), "from", "malformed time 'yesterday'");
        assertField(() -> rules.range(null, "2026-13-01T00:00:00Z", now), "to", "malformed time");
        assertField(() -> rules.range("2026-11-22T11:00:00Z", "2026-11-22T10:00:00Z", now), "from", "is after to");
    }

    @Test
    void choosesTheFinestStepAllowedForTheRange() {
        assertThat(rules.step(null, new TimeRange(now.minus(Duration.ofHours(6)), now))).isEqualTo(Step.RAW);
        assertThat(rules.step(null, new TimeRange(now.minus(Duration.ofHours(7)), now))).isEqualTo(Step.MINUTE);
        assertThat(rules.step(null, new TimeRange(now.minus(Duration.ofDays(8)), now))).isEqualTo(Step.HOUR);
        assertThat(rules.step("1h", new TimeRange(now.minus(Duration.ofMinutes(5)), now))).isEqualTo(Step.HOUR);
    }

    @Test
    void refusesUnknownStepsAndStepsTooFineForTheRange() {
        TimeRange twoDays = new TimeRange(now.minus(Duration.ofDays(2)), now);
        assertField(() -> rules.step("5m", twoDays), "step", "unknown step '5m'");
        assertField(() -> rules.step("raw", twoDays), "step", "too fine");
        assertField(() -> rules.step("1m", new TimeRange(now.minus(Duration.ofDays(30)), now)), "step", "too fine");
    }

    @Test
    void boundsThePageSize() {
        assertThat(rules.limit(null)).isEqualTo(100);
        assertThat(rules.limit("1000")).isEqualTo(1000);
        assertField(() -> rules.limit("1001"), "limit", "exceeds the maximum 1000");
        assertField(() -> rules.limit("0"), "limit", "less than 1");
        assertField(() -> rules.limit("ten"), "limit", "not a whole number");
        assertField(() -> rules.top("101"), "n", "exceeds the maximum 100");
    }

    @Test
    void refusesARangeLongerThanTheMaximumAndTimesOutOfRange() {
        assertThat(rules.range("2026-10-22T12:00:00Z", null, now).length()).isEqualTo(Duration.ofDays(31));
        assertField(() -> rules.range("2026-10-22T11:59:59Z", null, now), "from",
                "longer than the maximum PT744H (scalebus.history.api.max-range)");
        assertField(() -> rules.range("1969-12-31T23:00:00Z", "1970-01-01T00:00:00Z", now), "from",
                "out of range; want 1970 to 9999");
        assertField(() -> rules.range(null, "+10000-01-01T00:00:00Z", now), "to", "out of range");
        assertField(() -> rules.range(null, "+999999999-12-31T23:59:59Z", now), "to", "out of range");
    }

    @Test
    void theMaximumRangeIsNeverMoreThanTheRollupRetention() {
        QueryRules shortRetention = new QueryRules(API, Duration.ofDays(2));
        assertField(() -> shortRetention.range("2026-11-20T11:00:00Z", null, now), "from", "maximum PT48H");
    }

    @Test
    void continueTokensRoundTripAndGarbageIsRefused() {
        TimeRange day = new TimeRange(now.minus(Duration.ofDays(1)), now);
        PageToken t = new PageToken(Instant.parse("2026-11-22T10:00:00.123456Z"), "web-1|x");
        assertThat(rules.after(t.encode(), day)).isEqualTo(t);
        assertThat(rules.after(null, day)).isNull();
        assertField(() -> rules.after("%%%", day), "continue", "malformed continue token");
    }

    @Test
    void forgedContinueTokensAreRefused() {
        TimeRange day = new TimeRange(now.minus(Duration.ofDays(1)), now);
        java.util.function.Function<String, String> b64 = raw -> java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertField(() -> rules.after(b64.apply("1795000000.0|web" + (char) 0), day), "continue", "malformed");
        assertField(() -> rules.after(b64.apply("99999999999999.0|web"), day), "continue", "malformed");
        assertField(() -> rules.after(b64.apply("1795000000.1000000000|web"), day), "continue", "malformed");
        assertField(() -> rules.after(b64.apply("-5.0|web"), day), "continue", "malformed");
        assertField(() -> rules.after(b64.apply("1795000000|web"), day), "continue", "malformed");
        assertField(() -> rules.after(b64.apply("web"), day), "continue", "malformed");
        assertField(() -> rules.after(b64.apply("1795000000.0|" + "k".repeat(300)), day), "continue", "malformed");
        assertField(() -> rules.after("A".repeat(10_000), day), "continue", "malformed");
        // well formed, but not a page of this query: a time far outside its range
        assertField(() -> rules.after(new PageToken(Instant.parse("2020-01-01T00:00:00Z"), "web").encode(), day),
                "continue", "outside the range");
    }
}
