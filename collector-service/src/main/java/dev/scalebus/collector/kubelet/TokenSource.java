package dev.scalebus.collector.kubelet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * The bearer token for kubelets, read from a file (the projected service-account token by default) and read
 * again whenever the file's modification time or size changes, because the kubelet rotates projected tokens.
 * A missing file means no token (anonymous request), not an error.
 */
public final class TokenSource {

    private final Path file;
    private FileTime readModified;
    private long readSize = -1;
    private Optional<String> token = Optional.empty();

    public TokenSource(Path file) {
        this.file = file;
    }

    public synchronized Optional<String> token() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (!modified.equals(readModified) || size != readSize) {
                String text = Files.readString(file, StandardCharsets.UTF_8).trim();
                token = text.isEmpty() ? Optional.empty() : Optional.of(text);
                readModified = modified;
                readSize = size;
            }
        } catch (NoSuchFileException e) {
            token = Optional.empty();
            readModified = null;
            readSize = -1;
        } catch (IOException e) {
            // keep the last good token: a transient read error during rotation must not drop authentication
        }
        return token;
    }

    public Path file() {
        return file;
    }
}
