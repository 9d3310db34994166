package dev.scalebus.bench;

import dev.scalebus.events.Quantity;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Kubernetes quantity formatting as the metrics API does it for every container (cpu and memory), and parsing. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class QuantityBench {

    private long nanoCores = 123_456_789L;
    private long bytes = 1_616_273_408L;

    @Benchmark
    public String formatCpuNanoCores() {
        return Quantity.ofNanoCores(nanoCores++).toString();
    }

    @Benchmark
    public String formatMemoryBytes() {
        return Quantity.ofBytes(bytes += 4096).toString();
    }

    @Benchmark
    public Quantity parseMilliCores() {
        return Quantity.parse("250m");
    }
}
