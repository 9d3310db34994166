package dev.scalebus.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The repository root and the external commands the deployment tests run in it. */
final class Repo {

    /** Tests run with the module directory as working directory; the artefacts live one level up. */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private Repo() {
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs a command in the repository root; fails the test with the command's stderr when it cannot start. */
    static Result run(String... command) {
        try {
            Path out = java.nio.file.Files.createTempFile("deploy-test", ".out");
            Path err = java.nio.file.Files.createTempFile("deploy-test", ".err");
            Process p = new ProcessBuilder(List.of(command)).directory(ROOT.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 120 s");
            }
            Result r = new Result(p.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
                    java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
            java.nio.file.Files.deleteIfExists(out);
            java.nio.file.Files.deleteIfExists(err);
            return r;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + " (is it installed? ./scalebus test installs it): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
