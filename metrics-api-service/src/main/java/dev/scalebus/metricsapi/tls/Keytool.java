package dev.scalebus.metricsapi.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

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
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    public static void exportPem(Path p12, String alias, Path certFile, Path keyFile) {
        try (InputStream in = Files.newInputStream(p12)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            Certificate cert = store.getCertificate(alias);
            Key key = store.getKey(alias, PASSWORD.toCharArray());
            writeOwnerOnly(certFile, pem("CERTIFICATE", cert.getEncoded()));
            writeOwnerOnly(keyFile, pem("PRIVATE KEY", key.getEncoded()));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot export " + alias + " from " + p12 + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code content} to a new file created with POSIX permissions 0600 (owner read/write), so the key is
     * never readable by others, not even between creation and a later chmod; a file already there is replaced.
     * On a file system without POSIX permissions the file is written with its defaults.
     */
    public static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, content);
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
