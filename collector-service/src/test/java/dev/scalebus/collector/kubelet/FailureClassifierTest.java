package dev.scalebus.collector.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.collector.scrape.FailureReason;
import dev.scalebus.collector.scrape.ScrapeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {

    @Test
    void classifiesWhatTheHttpStackThrows() {
        assertThat(reason(new CompletionException(new TimeoutException()))).isEqualTo(FailureReason.TIMEOUT);
        assertThat(reason(new HttpConnectTimeoutException("connect"))).isEqualTo(FailureReason.TIMEOUT);
        assertThat(reason(new IOException("wrapped", new SSLHandshakeException("PKIX path building failed"))))
                .isEqualTo(FailureReason.TLS);
        assertThat(reason(new CompletionException(new ConnectException()))).isEqualTo(FailureReason.CONNECTION_REFUSED);
        assertThat(reason(new IOException("connection reset"))).isEqualTo(FailureReason.CONNECTION_FAILED);
        assertThat(reason(new IllegalStateException("bug"))).isEqualTo(FailureReason.INTERNAL);
    }

    @Test
    void keepsAnAlreadyClassifiedFailure() {
        ScrapeException tooLarge = new ScrapeException(FailureReason.TOO_LARGE, "body exceeds max-body-bytes=10");
        assertThat(FailureClassifier.classify(new CompletionException(tooLarge))).isSameAs(tooLarge);
    }

    private static FailureReason reason(Throwable failure) {
        return FailureClassifier.classify(failure).reason();
    }
}
