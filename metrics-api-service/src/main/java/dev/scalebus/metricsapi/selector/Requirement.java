package dev.scalebus.metricsapi.selector;

import java.util.List;
import java.util.Map;

/** One term of a label selector, as apimachinery's {@code labels.Requirement}. */
record Requirement(String key, Operator operator, List<String> values) {

    enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST, GREATER_THAN, LESS_THAN }

    boolean matches(Map<String, String> labels) {
        String value = labels.get(key);
        boolean has = labels.containsKey(key);
        return switch (operator) {
            case EQUALS, IN -> has && values.contains(value);
            // as apimachinery: a missing key satisfies != and notin
            case NOT_EQUALS, NOT_IN -> !has || !values.contains(value);
            case EXISTS -> has;
            case DOES_NOT_EXIST -> !has;
            case GREATER_THAN, LESS_THAN -> has && compare(value);
        };
    }

    private boolean compare(String value) {
        try {
            long actual = Long.parseLong(value);
            long bound = Long.parseLong(values.get(0));
            return operator == Operator.GREATER_THAN ? actual > bound : actual < bound;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
