package dev.scalebus.metricsapi.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Runs the JDK's keytool (the JDK has no public API to sign a certificate) and converts its PKCS12 output to the
 * PEM files the HTTPS server and the metrics-server flags (--tls-cert-file, --tls-private-key-file) use.
 */
public final class Keytool {

    public static final String PASSWORD = "changeit";

    private Keytool() {
    }

    public static void run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run keytool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }

    /** Writes the key entry {@code alias} of a PKCS12 store as a PEM certificate and a PEM PKCS#8 private key. */
    public static void exportPem(Path p12, String alias, Path certFile, Path keyFile) {
        try (InputStream in = Files.newInputStream(p12)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            Certificate cert = store.getCertificate(alias);
            Key key = store.getKey(alias, PASSWORD.toCharArray());
            Files.writeString(certFile, pem("CERTIFICATE", cert.getEncoded()));
            Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot export " + alias + " from " + p12 + ": " + e.getMessage(), e);
        }
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
