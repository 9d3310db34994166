package dev.scalebus.history.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where the next page starts: after the row (time, key) in (time, key) order. Opaque to clients (base64url);
 * keyset pagination stays right while new rows arrive, unlike an offset.
 */
public record PageToken(Instant time, String key) {

    public String encode() {
        String raw = time.getEpochSecond() + "." + time.getNano() + "|" + key;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Longer than any token this service writes (a time and a key of at most 253 characters). */
    static final int MAX_LENGTH = 512;

    /**
     * Decodes a token; throws InvalidRequestException naming {@code continue} when it is not one this service could
     * have written: not base64url, not "seconds.nanos|key", a time outside 1970 to 9999, a key longer than a
     * Kubernetes name or with control characters (PostgreSQL refuses a NUL).
     */
    public static PageToken decode(String token) {
        try {
            if (token.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            String[] time = raw.substring(0, bar).split("\\.", -1);
            if (time.length != 2 || !DIGITS.matcher(time[0]).matches() || !DIGITS.matcher(time[1]).matches()) {
                throw new IllegalArgumentException("time");
            }
            long seconds = Long.parseLong(time[0]);
            long nanos = Long.parseLong(time[1]);
            if (seconds > LATEST || nanos > 999_999_999L) {
                throw new IllegalArgumentException("time out of range");
            }
            String key = raw.substring(bar + 1);
            if (key.length() > 253 || key.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("key");
            }
            return new PageToken(Instant.ofEpochSecond(seconds, nanos), key);
        } catch (RuntimeException e) {
            throw new InvalidRequestException("continue", "malformed continue token '" + Names.printable(token)
                    + "'; pass back the continue value of the previous page");
        }
    }

    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("[0-9]{1,12}");
    /** 9999-12-31T23:59:59Z. */
    private static final long LATEST = 253_402_300_799L;
}
