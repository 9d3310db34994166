package dev.scalebus.history.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * One page of a query answer.
 *
 * @param step          the step the rows are at: raw, 1m or 1h
 * @param from          start of the range, inclusive
 * @param to            end of the range, exclusive
 * @param items         the rows, in (time, key) order
 * @param continueToken pass as {@code continue} for the next page; absent on the last page
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page<T>(String step, Instant from, Instant to, List<T> items,
        @JsonProperty("continue") String continueToken) {
}
