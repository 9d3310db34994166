package dev.scalebus.history.fuzz;

import java.util.List;
import java.util.Random;

/**
 * Arbitrary request strings from a seeded Random: empty, blanks, unicode (accents, emoji, right-to-left, combining
 * marks), control characters and NUL, huge and negative numbers, percent signs, quotes, SQL, selector syntax,
 * RFC 3339 times far and near, base64 garbage, very long strings, and mixes of all of these.
 */
final class Inputs {

    private static final List<String> SEEDS = List.of("", " ", "\t", "%", "%%", "%00", "%2F", "'", "\"", "''", "\\",
            "' OR '1'='1", "1; DROP TABLE decisions; --", "$1", "?", "*", "_", "..", "/", "|", "null", "NaN",
            "0", "-1", "1", "100", "1000", "1001", "2147483647", "2147483648", "-2147483649",
            "99999999999999999999999999", "1e309", "0x10", "+5", " 7 ", "\u0000", "a\u0000b", "\r\n", "\u202eevil",
            "é", "Ω≈ç√", "😀🔥", "e\u0301", "名前空間", "ns-api", "kube-system", "web-5d8f7c-0", "Deployment",
            "app=web", "app==web", "app!=web", "app in (web)", "!app", "a=b,c=d", "a=", "=b", ",", "a/b=c",
            "raw", "1m", "1h", "5m", "cpu", "memory", "disk",
            "2026-12-06T04:00:00Z", "2026-12-06T04:00:00+02:00", "2026-02-30T00:00:00Z", "1969-12-31T23:59:59Z",
            "0000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z", "2026-12-06T04:00:00.999999999Z", "2026-12-06", "yesterday",
            "MTc5NTAwMDAwMC4wfHdlYg", "LTUuMHx3ZWI", "OTk5OTk5OTk5OTk5OTk5OS4wfHg", "AAAA", "====", "!!");

    private static final String PUNCTUATION = "%'\";=,!()/\\-_.:|&#?+";

    private final Random random;
    private final List<String> extra;

    Inputs(long seed, List<String> extra) {
        this.random = new Random(seed);
        this.extra = extra;
    }

    String next() {
        int kind = random.nextInt(10);
        if (kind < 4) {
            return pick();
        }
        if (kind < 6) {
            return pick() + pick();
        }
        if (kind < 8) {
            return randomChars(1 + random.nextInt(40));
        }
        if (kind < 9) {
            return pick().repeat(1 + random.nextInt(3000));
        }
        return Long.toString(random.nextLong()) + (random.nextBoolean() ? "" : pick());
    }

    /** Like next, but null (a parameter left out) one time in four. */
    String maybe() {
        return random.nextInt(4) == 0 ? null : next();
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private String pick() {
        if (!extra.isEmpty() && random.nextInt(3) == 0) {
            return extra.get(random.nextInt(extra.size()));
        }
        return SEEDS.get(random.nextInt(SEEDS.size()));
    }

    private String randomChars(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int range = random.nextInt(4);
            int c = switch (range) {
                case 0 -> random.nextInt(0x80);
                case 1 -> 0x80 + random.nextInt(0x780);
                case 2 -> 0x1F300 + random.nextInt(0x300);
                default -> PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length()));
            };
            b.appendCodePoint(c);
        }
        return b.toString();
    }
}
