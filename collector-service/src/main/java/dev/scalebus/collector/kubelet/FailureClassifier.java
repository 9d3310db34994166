package dev.scalebus.collector.kubelet;

import dev.scalebus.collector.scrape.FailureReason;
import dev.scalebus.collector.scrape.ScrapeException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Maps whatever the HTTP stack threw to a {@link ScrapeException} with a {@link FailureReason}. */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    public static ScrapeException classify(Throwable failure) {
        Throwable error = unwrap(failure);
        if (error instanceof ScrapeException scrape) {
            return scrape;
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
                return new ScrapeException(FailureReason.TIMEOUT, "no complete answer in time: " + describe(cause),
                        error);
            }
            if (cause instanceof SSLException) {
                return new ScrapeException(FailureReason.TLS, "TLS failed: " + describe(cause), error);
            }
            if (cause instanceof ConnectException) {
                return new ScrapeException(FailureReason.CONNECTION_REFUSED, "connection refused: " + describe(cause),
                        error);
            }
            if (cause instanceof UnresolvedAddressException) {
                return new ScrapeException(FailureReason.CONNECTION_FAILED, "address does not resolve", error);
            }
        }
        if (error instanceof java.io.IOException || error instanceof CancellationException) {
            return new ScrapeException(FailureReason.CONNECTION_FAILED, describe(error), error);
        }
        return new ScrapeException(FailureReason.INTERNAL, describe(error), error);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable error = failure;
        while ((error instanceof CompletionException || error instanceof ExecutionException)
                && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }

    private static String describe(Throwable error) {
        return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }
}
