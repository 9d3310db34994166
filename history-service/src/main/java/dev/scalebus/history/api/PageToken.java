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

    /** Decodes a token; throws InvalidRequestException naming {@code continue} when it is not one. */
    public static PageToken decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            String[] time = raw.substring(0, bar).split("\\.");
            return new PageToken(Instant.ofEpochSecond(Long.parseLong(time[0]), Long.parseLong(time[1])),
                    raw.substring(bar + 1));
        } catch (RuntimeException e) {
            throw new InvalidRequestException("continue", "malformed continue token '" + token
                    + "'; pass back the continue value of the previous page");
        }
    }
}
