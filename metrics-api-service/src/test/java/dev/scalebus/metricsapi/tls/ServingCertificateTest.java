package dev.scalebus.metricsapi.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingCertificateTest {

    @TempDir
    Path dir;

    @Test
    void theGeneratedCertificateAndKeyAreOwnerOnlyAndNothingElseIsLeftBehind() throws Exception {
        Path[] files = ServingCertificate.ensure(dir.resolve("certs"), "localhost");

        for (Path file : files) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------");
        }
        assertThat(Files.readString(files[1])).startsWith("-----BEGIN PRIVATE KEY-----");
        try (Stream<Path> left = Files.list(dir.resolve("certs"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("apiserver.crt",
                    "apiserver.key");
        }
    }

    @Test
    void aFileAlreadyThereIsReplacedByAnOwnerOnlyOne() throws Exception {
        Path key = dir.resolve("apiserver.key");
        Files.writeString(key, "old");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        Keytool.writeOwnerOnly(key, "new");

        assertThat(Files.readString(key)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }
}
