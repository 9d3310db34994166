package dev.scalebus.autoscaler.hpa;

/** Per-direction tolerance around a usage ratio of 1 (upstream {@code Tolerances.isWithin}, bounds inclusive). */
public record Tolerances(double scaleDown, double scaleUp) {

    public boolean isWithin(double ratio) {
        return (1.0 - scaleDown) <= ratio && ratio <= (1.0 + scaleUp);
    }

    /** The cluster tolerance unless the behavior sets a per-direction one (HPAConfigurableTolerance). */
    public static Tolerances of(HpaSpec spec, ControllerSettings settings) {
        double down = settings.tolerance();
        double up = settings.tolerance();
        Behavior b = spec.behavior();
        if (b != null && b.scaleDown() != null && b.scaleDown().tolerance() != null) {
            down = b.scaleDown().tolerance().amount().doubleValue();
        }
        if (b != null && b.scaleUp() != null && b.scaleUp().tolerance() != null) {
            up = b.scaleUp().tolerance().amount().doubleValue();
        }
        return new Tolerances(down, up);
    }
}
