package dev.scalebus.simulator.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A request rate over simulated time (seconds since the scenario started, already time-compressed).
 * Rates are requests per second, never negative.
 */
public sealed interface LoadProfile {

    double requestsPerSecond(double simSeconds);

    /** One point of a step or replay timeline. */
    record Point(double atSeconds, double requestsPerSecond) {
        public Point {
            if (requestsPerSecond < 0) {
                throw new IllegalArgumentException("requestsPerSecond must be >= 0, got " + requestsPerSecond);
            }
        }
    }

    record Constant(double rps) implements LoadProfile {
        public Constant {
            requireNonNegative("rps", rps);
        }

        @Override
        public double requestsPerSecond(double simSeconds) {
            return rps;
        }
    }

    /** Holds each point's rate from its time until the next point; before the first point: the first rate. */
    record Step(List<Point> points) implements LoadProfile {
        public Step {
            points = sorted(points, "step");
        }

        @Override
        public double requestsPerSecond(double simSeconds) {
            double rate = points.get(0).requestsPerSecond();
            for (Point p : points) {
                if (p.atSeconds() > simSeconds) {
                    break;
                }
                rate = p.requestsPerSecond();
            }
            return rate;
        }
    }

    /** Linear from {@code fromRps} to {@code toRps} over [start, start+duration], flat outside. */
    record Ramp(double fromRps, double toRps, double startSeconds, double durationSeconds) implements LoadProfile {
        public Ramp {
            requireNonNegative("fromRps", fromRps);
            requireNonNegative("toRps", toRps);
            requireNonNegative("durationSeconds", durationSeconds);
        }

        @Override
        public double requestsPerSecond(double simSeconds) {
            if (simSeconds <= startSeconds) {
                return fromRps;
            }
            if (durationSeconds == 0 || simSeconds >= startSeconds + durationSeconds) {
                return toRps;
            }
            return fromRps + (toRps - fromRps) * (simSeconds - startSeconds) / durationSeconds;
        }
    }

    /** base + amplitude * sin(2*pi*t/period), clamped at 0. */
    record Sine(double baseRps, double amplitudeRps, double periodSeconds) implements LoadProfile {
        public Sine {
            requireNonNegative("baseRps", baseRps);
            if (periodSeconds <= 0) {
                throw new IllegalArgumentException("periodSeconds must be > 0, got " + periodSeconds);
            }
        }

        @Override
        public double requestsPerSecond(double simSeconds) {
            return Math.max(0, baseRps + amplitudeRps * Math.sin(2 * Math.PI * simSeconds / periodSeconds));
        }
    }

    /** {@code baseRps}, except {@code spikeRps} during [start, start+duration). */
    record Spike(double baseRps, double spikeRps, double startSeconds, double durationSeconds) implements LoadProfile {
        public Spike {
            requireNonNegative("baseRps", baseRps);
            requireNonNegative("spikeRps", spikeRps);
            requireNonNegative("durationSeconds", durationSeconds);
        }

        @Override
        public double requestsPerSecond(double simSeconds) {
            return simSeconds >= startSeconds && simSeconds < startSeconds + durationSeconds ? spikeRps : baseRps;
        }
    }

    /** A recorded timeline, linearly interpolated; optionally looping over its last point's time. */
    record Replay(List<Point> points, boolean loop) implements LoadProfile {
        public Replay {
            points = sorted(points, "replay");
        }

        @Override
        public double requestsPerSecond(double simSeconds) {
            double end = points.get(points.size() - 1).atSeconds();
            double t = loop && end > 0 && simSeconds > end ? simSeconds % end : simSeconds;
            Point previous = points.get(0);
            if (t <= previous.atSeconds()) {
                return previous.requestsPerSecond();
            }
            for (Point p : points) {
                if (p.atSeconds() >= t) {
                    double span = p.atSeconds() - previous.atSeconds();
                    double f = span == 0 ? 1 : (t - previous.atSeconds()) / span;
                    return previous.requestsPerSecond() + f * (p.requestsPerSecond() - previous.requestsPerSecond());
                }
                previous = p;
            }
            return previous.requestsPerSecond();
        }

        /** CSV lines {@code seconds,requestsPerSecond}; a non-numeric first line is a header; '#' starts a comment. */
        public static Replay fromCsv(String csv, boolean loop) {
            List<Point> points = new ArrayList<>();
            String[] lines = csv.split("\\R");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("[,;]");
                if (cells.length < 2) {
                    throw new IllegalArgumentException("CSV line " + (i + 1) + ": expected seconds,requestsPerSecond");
                }
                try {
                    points.add(new Point(Double.parseDouble(cells[0].strip()), Double.parseDouble(cells[1].strip())));
                } catch (NumberFormatException e) {
                    if (!points.isEmpty()) {
                        throw new IllegalArgumentException("CSV line " + (i + 1) + ": not a number: " + line, e);
                    }
                }
            }
            return new Replay(points, loop);
        }

        public static Replay fromCsvFile(Path file, boolean loop) {
            try {
                return fromCsv(Files.readString(file), loop);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static List<Point> sorted(List<Point> points, String what) {
        if (points == null || points.isEmpty()) {
            throw new IllegalArgumentException(what + " profile needs at least one point");
        }
        return points.stream().sorted(Comparator.comparingDouble(Point::atSeconds)).toList();
    }

    private static void requireNonNegative(String field, double value) {
        if (value < 0 || Double.isNaN(value)) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + value);
        }
    }
}
