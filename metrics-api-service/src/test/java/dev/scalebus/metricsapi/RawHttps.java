package dev.scalebus.metricsapi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * Sends a request line exactly as given over TLS: HTTP clients normalize dot segments or refuse backslashes, which
 * would hide what the server does with them.
 */
final class RawHttps {

    record Answer(int status, String body) {
    }

    private RawHttps() {
    }

    static Answer get(URL base, String rawTarget, String token) throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {new AuthMatrixTest.TrustServingCertificate()}, null);
        try (SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            String request = "GET " + rawTarget + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                    + "Accept: application/json\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answer = readAll(socket.getInputStream());
            int status = Integer.parseInt(answer.substring(answer.indexOf(' ') + 1, answer.indexOf(' ') + 4));
            int bodyStart = answer.indexOf("\r\n\r\n");
            return new Answer(status, bodyStart < 0 ? "" : answer.substring(bodyStart + 4));
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
