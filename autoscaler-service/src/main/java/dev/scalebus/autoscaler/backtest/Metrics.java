package dev.scalebus.autoscaler.backtest;

import dev.scalebus.autoscaler.hpa.MetricSpec;
import dev.scalebus.events.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** One point's metric against the candidate's target. */
final class Metrics {

    private Metrics() {
    }

    /**
     * @param computed the utilization the controller computed (percent, truncated as upstream); null to take the
     *                 load model's
     */
    static Timeline.Metric of(String resource, MetricSpec.MetricTarget target, Integer computed,
            LoadModel.View view) {
        Double modelled = view.utilization().get(resource);
        Integer utilization = computed != null ? computed : modelled == null ? null : (int) Math.floor(modelled);
        if (MetricSpec.MetricTarget.AVERAGE_VALUE.equals(target.type()) && target.averageValue() != null) {
            Double average = view.averageUsage().get(resource);
            String value = average == null ? null : quantity(resource, average).toString();
            boolean above = average != null
                    && quantity(resource, average).compareTo(target.averageValue()) > 0;
            return new Timeline.Metric(resource, utilization, null, value, target.averageValue().toString(), above);
        }
        Integer percent = target.averageUtilization();
        boolean above = utilization != null && percent != null && utilization > percent;
        return new Timeline.Metric(resource, utilization, percent, null, null, above);
    }

    private static Quantity quantity(String resource, double amount) {
        if ("cpu".equals(resource)) {
            return Quantity.ofMilliCores(BigDecimal.valueOf(amount * 1000).setScale(0, RoundingMode.HALF_UP)
                    .longValue());
        }
        return Quantity.ofBytes(Math.round(amount));
    }
}
