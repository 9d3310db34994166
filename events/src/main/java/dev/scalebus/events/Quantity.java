package dev.scalebus.events;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A Kubernetes resource quantity ({@code k8s.io/apimachinery/pkg/api/resource.Quantity}): parses every form the API
 * server accepts and prints the canonical form the API server (and so metrics-server and kubectl) prints.
 *
 * <p>Rules mirrored from apimachinery's {@code quantity.go}:
 * <ul>
 * <li>{@code <sign?><digits>[.<digits>]<suffix>}; suffixes binary {@code Ki Mi Gi Ti Pi Ei}, decimal
 * {@code n u m "" k M G T P E}, or a decimal exponent {@code e<int>} / {@code E<int>}.</li>
 * <li>The suffix decides the format kept for printing: BinarySI, DecimalSI or DecimalExponent.</li>
 * <li>Precision finer than 1n is rounded up (away from zero) to 1n.</li>
 * <li>Canonical printing: DecimalSI/DecimalExponent use the largest exponent that is a multiple of 3 and keeps the
 * mantissa an integer ({@code 1500m}, {@code 1k}, {@code 5m}); BinarySI uses the largest power of 1024 that divides
 * the value ({@code 1005736Ki}) and falls back to DecimalSI when the value is under 1024 in magnitude or not an
 * integer.</li>
 * </ul>
 */
public final class Quantity implements Comparable<Quantity> {

    /** How a quantity prints, as apimachinery's {@code resource.Format}. */
    public enum Format { DECIMAL_SI, BINARY_SI, DECIMAL_EXPONENT }

    private static final int NANO_SCALE = 9;
    private static final String[] DECIMAL_SUFFIXES = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
    private static final String[] BINARY_SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    private static final BigInteger THOUSAND_TWENTY_FOUR = BigInteger.valueOf(1024);

    private final BigDecimal value;
    private final Format format;

    private Quantity(BigDecimal value, Format format) {
        this.value = value.setScale(NANO_SCALE, RoundingMode.UP).stripTrailingZeros();
        this.format = format;
    }

    /** A CPU amount in nanocores, printed as metrics-server prints usage ({@code 1938555n}, {@code 5m}). */
    public static Quantity ofNanoCores(long nanoCores) {
        return new Quantity(BigDecimal.valueOf(nanoCores, NANO_SCALE), Format.DECIMAL_SI);
    }

    /** A CPU amount in millicores ({@code 250m}). */
    public static Quantity ofMilliCores(long milliCores) {
        return new Quantity(BigDecimal.valueOf(milliCores, 3), Format.DECIMAL_SI);
    }

    /** A byte count, printed in binary units as metrics-server prints memory ({@code 1005736Ki}). */
    public static Quantity ofBytes(long bytes) {
        return new Quantity(BigDecimal.valueOf(bytes), Format.BINARY_SI);
    }

    /** Any decimal amount in the given format. */
    public static Quantity of(BigDecimal amount, Format format) {
        return new Quantity(Objects.requireNonNull(amount, "amount"), Objects.requireNonNull(format, "format"));
    }

    /**
     * Parses a quantity string.
     *
     * @throws IllegalArgumentException naming the input and what is wrong with it
     */
    public static Quantity parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("quantity is empty");
        }
        String s = text.trim();
        if (!s.equals(text) || s.isEmpty()) {
            throw new IllegalArgumentException("quantity '" + text + "' has surrounding spaces");
        }
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            i++;
        }
        int numberStart = i;
        int digits = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            throw new IllegalArgumentException("quantity '" + text + "' does not start with a number");
        }
        String number = s.substring(numberStart, i);
        BigDecimal amount = new BigDecimal(number.startsWith(".") ? "0" + number : number.endsWith(".")
                ? number.substring(0, number.length() - 1) : number);
        if (negative) {
            amount = amount.negate();
        }
        String suffix = s.substring(i);
        return switch (suffix) {
            case "" -> new Quantity(amount, Format.DECIMAL_SI);
            case "n" -> new Quantity(amount.scaleByPowerOfTen(-9), Format.DECIMAL_SI);
            case "u" -> new Quantity(amount.scaleByPowerOfTen(-6), Format.DECIMAL_SI);
            case "m" -> new Quantity(amount.scaleByPowerOfTen(-3), Format.DECIMAL_SI);
            case "k" -> new Quantity(amount.scaleByPowerOfTen(3), Format.DECIMAL_SI);
            case "M" -> new Quantity(amount.scaleByPowerOfTen(6), Format.DECIMAL_SI);
            case "G" -> new Quantity(amount.scaleByPowerOfTen(9), Format.DECIMAL_SI);
            case "T" -> new Quantity(amount.scaleByPowerOfTen(12), Format.DECIMAL_SI);
            case "P" -> new Quantity(amount.scaleByPowerOfTen(15), Format.DECIMAL_SI);
            case "E" -> new Quantity(amount.scaleByPowerOfTen(18), Format.DECIMAL_SI);
            case "Ki" -> binary(amount, 1);
            case "Mi" -> binary(amount, 2);
            case "Gi" -> binary(amount, 3);
            case "Ti" -> binary(amount, 4);
            case "Pi" -> binary(amount, 5);
            case "Ei" -> binary(amount, 6);
            default -> new Quantity(amount.scaleByPowerOfTen(exponent(text, suffix)), Format.DECIMAL_EXPONENT);
        };
    }

    private static Quantity binary(BigDecimal amount, int powerOf1024) {
        return new Quantity(amount.multiply(new BigDecimal(THOUSAND_TWENTY_FOUR.pow(powerOf1024))), Format.BINARY_SI);
    }

    private static int exponent(String text, String suffix) {
        if (suffix.length() < 2 || (suffix.charAt(0) != 'e' && suffix.charAt(0) != 'E')) {
            throw new IllegalArgumentException("quantity '" + text + "' has an unknown suffix '" + suffix
                    + "' (expected one of n u m k M G T P E Ki Mi Gi Ti Pi Ei or an exponent like e3)");
        }
        String exp = suffix.substring(1);
        if (!exp.matches("[+-]?\\d{1,4}")) {
            throw new IllegalArgumentException("quantity '" + text + "' has a malformed exponent '" + suffix + "'");
        }
        return Integer.parseInt(exp);
    }

    /** The exact amount (in cores for CPU, bytes for memory). */
    public BigDecimal amount() {
        return value;
    }

    public Format format() {
        return format;
    }

    public boolean isZero() {
        return value.signum() == 0;
    }

    /** The amount in whole units, rounded up as apimachinery's {@code Value()}. */
    public long value() {
        return scaled(0);
    }

    /** The amount in thousandths, rounded up as apimachinery's {@code MilliValue()} (millicores for CPU). */
    public long milliValue() {
        return scaled(3);
    }

    /** The amount in billionths (nanocores for CPU). */
    public long nanoValue() {
        return scaled(9);
    }

    private long scaled(int decimals) {
        return value.scaleByPowerOfTen(decimals).setScale(0, RoundingMode.UP).longValueExact();
    }

    /** The canonical string, as apimachinery's {@code Quantity.String()}. */
    @Override
    public String toString() {
        if (value.signum() == 0) {
            return "0";
        }
        Format effective = format;
        if (format == Format.BINARY_SI) {
            boolean small = value.abs().compareTo(BigDecimal.valueOf(1024)) < 0;
            boolean integral = value.stripTrailingZeros().scale() <= 0;
            if (small || !integral) {
                effective = Format.DECIMAL_SI;
            }
        }
        return effective == Format.BINARY_SI ? binaryString() : decimalString(effective);
    }

    private String binaryString() {
        BigInteger mantissa = value.toBigIntegerExact();
        int power = 0;
        while (power < BINARY_SUFFIXES.length - 1 && mantissa.signum() != 0
                && mantissa.mod(THOUSAND_TWENTY_FOUR).signum() == 0) {
            mantissa = mantissa.divide(THOUSAND_TWENTY_FOUR);
            power++;
        }
        return mantissa + BINARY_SUFFIXES[power];
    }

    private String decimalString(Format effective) {
        BigDecimal stripped = value.stripTrailingZeros();
        BigInteger mantissa = stripped.unscaledValue();
        int exponent = -stripped.scale();
        // make the exponent a multiple of 3 by growing the mantissa, as apimachinery's AsCanonicalBytes
        int remainder = Math.floorMod(exponent, 3);
        if (remainder != 0) {
            mantissa = mantissa.multiply(BigInteger.TEN.pow(remainder));
            exponent -= remainder;
        }
        if (effective == Format.DECIMAL_EXPONENT) {
            return exponent == 0 ? mantissa.toString() : mantissa + "e" + exponent;
        }
        if (exponent > 18) {
            mantissa = mantissa.multiply(BigInteger.TEN.pow(exponent - 18));
            exponent = 18;
        }
        return mantissa + DECIMAL_SUFFIXES[exponent / 3 + 3];
    }

    @Override
    public int compareTo(Quantity other) {
        return value.compareTo(other.value);
    }

    /** Equal when the amounts are equal, whatever the format (as apimachinery's {@code Equal}). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Quantity q && value.compareTo(q.value) == 0;
    }

    @Override
    public int hashCode() {
        return value.stripTrailingZeros().hashCode();
    }
}
