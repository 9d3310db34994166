package dev.scalebus.collector.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenSourceTest {

    @TempDir
    Path dir;

    @Test
    void rereadsTheTokenWhenTheFileIsRotated() throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "first-token\n");
        TokenSource tokens = new TokenSource(file);
        assertThat(tokens.token()).contains("first-token");

        Files.writeString(file, "second-token");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(tokens.token()).contains("second-token");
    }

    @Test
    void missingOrEmptyFileMeansAnonymous() throws Exception {
        TokenSource tokens = new TokenSource(dir.resolve("absent"));
        assertThat(tokens.token()).isEmpty();

        Path empty = dir.resolve("empty");
        Files.writeString(empty, "  \n");
        assertThat(new TokenSource(empty).token()).isEmpty();
    }
}
