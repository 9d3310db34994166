package dev.scalebus.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Faults at the process level: kill -9, SIGSTOP / SIGCONT of a process whose pid ./scalebus wrote down. */
final class Signals {

    private Signals() {
    }

    static long pid(Path pidFile) throws IOException {
        return Long.parseLong(Files.readString(pidFile).trim());
    }

    static void kill9(long pid) throws IOException, InterruptedException {
        signal("-KILL", pid);
        // wait until it is really gone (ports free), so a restart does not race the dying process
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(30, TimeUnit.SECONDS).join());
    }

    static void pause(long pid) throws IOException, InterruptedException {
        signal("-STOP", pid);
    }

    static void resume(long pid) throws IOException, InterruptedException {
        signal("-CONT", pid);
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("kill " + signal + " " + pid + " failed");
        }
    }
}
