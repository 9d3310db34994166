package dev.scalebus.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of this JVM (OperatingSystemMXBean) or of another process (/proc/PID/stat utime + stime). */
final class ProcessCpu {

    /** USER_HZ: Linux reports /proc stat times in clock ticks of 1/100 s on every mainstream architecture. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    static double selfSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    static double ofPid(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // fields after the ")" that closes the command name: state is field 3, utime 14, stime 15
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }
}
