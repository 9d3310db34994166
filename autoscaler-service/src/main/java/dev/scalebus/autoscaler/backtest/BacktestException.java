package dev.scalebus.autoscaler.backtest;

/** Input the backtest cannot run on; {@code field} is the request's JSON path of the offending field. */
public final class BacktestException extends RuntimeException {

    private final String field;

    public BacktestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
