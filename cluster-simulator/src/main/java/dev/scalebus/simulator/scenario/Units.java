package dev.scalebus.simulator.scenario;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Scenario value parsing: durations like "500ms", "30s", "5m", "1h" (or plain seconds) and Kubernetes quantities. */
final class Units {

    private static final Pattern DURATION = Pattern.compile("^(\\d+(?:\\.\\d+)?)(ms|s|m|h)?$");

    private Units() {
    }

    static Duration duration(String field, String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new ScenarioException(field + ": not a duration (e.g. 500ms, 30s, 5m, 1h): '" + text + "'");
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> value;
            case "m" -> value * 60_000;
            case "h" -> value * 3_600_000;
            default -> value * 1000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    static double seconds(String field, String text) {
        return duration(field, text).toMillis() / 1000.0;
    }

    static long millicores(String field, String quantity) {
        return amount(field, quantity).multiply(BigDecimal.valueOf(1000)).longValue();
    }

    static long bytes(String field, String quantity) {
        return amount(field, quantity).longValue();
    }

    static void checkQuantity(String field, String quantity) {
        if (quantity != null) {
            amount(field, quantity);
        }
    }

    private static BigDecimal amount(String field, String quantity) {
        try {
            return Quantity.getAmountInBytes(new Quantity(quantity.strip()));
        } catch (RuntimeException e) {
            throw new ScenarioException(field + ": not a Kubernetes quantity: '" + quantity + "'");
        }
    }
}
