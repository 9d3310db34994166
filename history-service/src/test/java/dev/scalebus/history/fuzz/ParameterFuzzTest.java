package dev.scalebus.history.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.history.HistoryConfig;
import dev.scalebus.history.api.InvalidRequestException;
import dev.scalebus.history.api.LabelSelector;
import dev.scalebus.history.api.Names;
import dev.scalebus.history.api.PageToken;
import dev.scalebus.history.api.QueryRules;
import dev.scalebus.history.api.TimeRange;
import dev.scalebus.history.auth.Access;
import dev.scalebus.history.auth.Authenticator;
import dev.scalebus.history.auth.Reviews;
import dev.scalebus.history.auth.User;
import dev.scalebus.history.auth.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every parser and check of a REST parameter, over many arbitrary strings: each either accepts the value (and what
 * it yields is safe to hand to SQL) or refuses it with an InvalidRequestException naming a field; nothing else.
 */
class ParameterFuzzTest {

    static final int ROUNDS = 20_000;
    static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");
    static final Pattern SAFE = Pattern.compile("[^\\x00]*");

    final QueryRules rules = new QueryRules(api(), Duration.ofDays(31));
    final Inputs inputs = new Inputs(15L, List.of(new PageToken(NOW.minusSeconds(60), "web-1").encode()));
    int accepted;
    int refused;

    private <T> T check(String what, Supplier<T> call) {
        try {
            T value = call.get();
            accepted++;
            return value;
        } catch (InvalidRequestException e) {
            assertThat(e.field()).as(what).isNotBlank();
            assertThat(e.getMessage()).as(what).isNotBlank();
            refused++;
            return null;
        }
    }

    @Test
    void noParameterParserThrowsAnythingButA400NamingTheField() {
        Authenticator authenticator = new Authenticator(new Reviews() {
            public Optional<User> reviewToken(String token) {
                assertThat(token).matches("[!-~]+");
                return Optional.empty();
            }

            public Verdict review(User user, Access access) {
                return new Verdict(false, "");
            }
        }, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(10));
        for (int i = 0; i < ROUNDS; i++) {
            String from = inputs.maybe();
            String to = inputs.maybe();
            TimeRange range = check("range", () -> rules.range(from, to, NOW));
            if (range != null) {
                assertThat(range.from()).isBefore(Instant.parse("9999-12-31T23:59:59.000000001Z"));
                assertThat(range.from()).isAfterOrEqualTo(Instant.EPOCH.minus(Duration.ofHours(1)));
                assertThat(range.length()).isLessThanOrEqualTo(Duration.ofDays(31));
                String step = inputs.maybe();
                check("step", () -> rules.step(step, range));
                String token = inputs.maybe();
                PageToken after = check("continue", () -> rules.after(token, range));
                if (after != null) {
                    assertThat(after.key()).matches(SAFE).hasSizeLessThanOrEqualTo(253);
                }
            }
            String limit = inputs.maybe();
            Integer n = check("limit", () -> rules.limit(limit));
            if (n != null) {
                assertThat(n).isBetween(1, 1000);
            }
            String top = inputs.maybe();
            check("n", () -> rules.top(top));
            String token = inputs.next();
            check("token", () -> PageToken.decode(token));
            String selector = inputs.maybe();
            Map<String, String> labels = check("labelSelector", () -> LabelSelector.parse(selector));
            if (labels != null) {
                labels.forEach((k, v) -> assertThat(k + v).matches("[-A-Za-z0-9_./]*"));
            }
            String name = inputs.maybe();
            String ns = check("namespace", () -> Names.namespace(name));
            if (ns != null) {
                assertThat(ns).matches("[a-z0-9-]{1,63}");
            }
            check("name", () -> Names.name("pod", name));
            check("kind", () -> Names.kind("kind", name));
            String header = inputs.maybe();
            assertThat(authenticator.authenticate(header).authenticated()).isFalse();
            assertThat(authenticator.authenticate(header == null ? null : "Bearer " + header).authenticated())
                    .isFalse();
        }
        // the inputs reach both sides of the checks, not only one
        assertThat(accepted).isGreaterThan(ROUNDS);
        assertThat(refused).isGreaterThan(ROUNDS);
    }

    static HistoryConfig.Api api() {
        return new HistoryConfig.Api() {
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

            public Duration maxRange() {
                return Duration.ofDays(31);
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
        };
    }
}
