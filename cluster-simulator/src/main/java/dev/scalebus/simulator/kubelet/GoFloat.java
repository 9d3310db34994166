package dev.scalebus.simulator.kubelet;

/**
 * Formats exact decimals the way Prometheus' Go text encoder writes float64 samples
 * ({@code strconv.AppendFloat(v, 'g', -1, 64)}): shortest digits, exponent form when the decimal exponent is
 * below -4 or at least 6 ({@code 1.253376e+07}), plain otherwise ({@code 357.35491}).
 * Works from {@code unscaled * 10^-scale} so counters in nanoseconds print without binary rounding.
 */
public final class GoFloat {

    private GoFloat() {
    }

    public static void append(StringBuilder out, long unscaled, int scale) {
        if (unscaled == 0) {
            out.append('0');
            return;
        }
        if (unscaled < 0) {
            out.append('-');
            unscaled = -unscaled;
        }
        while (unscaled % 10 == 0) {
            unscaled /= 10;
            scale--;
        }
        String digits = Long.toString(unscaled);
        int nd = digits.length();
        int dp = nd - scale;
        int exp = dp - 1;
        if (exp < -4 || exp >= 6) {
            out.append(digits.charAt(0));
            if (nd > 1) {
                out.append('.').append(digits, 1, nd);
            }
            out.append('e').append(exp < 0 ? '-' : '+');
            int absExp = Math.abs(exp);
            if (absExp < 10) {
                out.append('0');
            }
            out.append(absExp);
            return;
        }
        if (dp > 0) {
            if (dp >= nd) {
                out.append(digits);
                for (int i = nd; i < dp; i++) {
                    out.append('0');
                }
                return;
            }
            out.append(digits, 0, dp).append('.').append(digits, dp, nd);
            return;
        }
        out.append("0.");
        for (int i = dp; i < 0; i++) {
            out.append('0');
        }
        out.append(digits);
    }

    public static String format(long unscaled, int scale) {
        StringBuilder sb = new StringBuilder();
        append(sb, unscaled, scale);
        return sb.toString();
    }
}
