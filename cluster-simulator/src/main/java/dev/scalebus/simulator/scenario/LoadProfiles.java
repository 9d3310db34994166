package dev.scalebus.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalebus.simulator.workload.LoadProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code load:} block of a scenario deployment: {@code type} plus that profile's fields. */
final class LoadProfiles {

    private LoadProfiles() {
    }

    static LoadProfile parse(JsonNode load, String at, Path baseDir) {
        if (load.isMissingNode() || load.isNull()) {
            return new LoadProfile.Constant(0);
        }
        String type = ScenarioLoader.required(load, at, "type");
        try {
            return switch (type) {
                case "constant" -> new LoadProfile.Constant(ScenarioLoader.number(load, at + ".rps"));
                case "step" -> new LoadProfile.Step(points(load, at));
                case "ramp" -> new LoadProfile.Ramp(ScenarioLoader.number(load, at + ".fromRps"),
                        ScenarioLoader.number(load, at + ".toRps"), seconds(load, at, "start"),
                        seconds(load, at, "duration"));
                case "sine" -> new LoadProfile.Sine(ScenarioLoader.number(load, at + ".baseRps"),
                        ScenarioLoader.number(load, at + ".amplitudeRps"), seconds(load, at, "period"));
                case "spike" -> new LoadProfile.Spike(ScenarioLoader.number(load, at + ".baseRps"),
                        ScenarioLoader.number(load, at + ".spikeRps"), seconds(load, at, "start"),
                        seconds(load, at, "duration"));
                case "replay" -> replay(load, at, baseDir);
                default -> throw new ScenarioException(at + ".type: unknown load type '" + type
                        + "' (constant, step, ramp, sine, spike, replay)");
            };
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(at + ": " + e.getMessage(), e);
        }
    }

    private static double seconds(JsonNode load, String at, String key) {
        return Units.seconds(at + "." + key, ScenarioLoader.required(load, at, key));
    }

    private static List<LoadProfile.Point> points(JsonNode load, String at) {
        List<LoadProfile.Point> points = new ArrayList<>();
        JsonNode list = load.path("points");
        for (int i = 0; i < list.size(); i++) {
            String pat = at + ".points[" + i + "]";
            points.add(new LoadProfile.Point(Units.seconds(pat + ".at", ScenarioLoader.required(list.get(i), pat, "at")),
                    ScenarioLoader.number(list.get(i), pat + ".rps")));
        }
        return points;
    }

    private static LoadProfile replay(JsonNode load, String at, Path baseDir) {
        boolean loop = load.path("loop").asBoolean(false);
        if (load.has("csv")) {
            Path csv = baseDir == null ? Path.of(load.get("csv").asText()) : baseDir.resolve(load.get("csv").asText());
            if (!Files.isRegularFile(csv)) {
                throw new ScenarioException(at + ".csv: no such file " + csv);
            }
            return LoadProfile.Replay.fromCsvFile(csv, loop);
        }
        if (load.has("points")) {
            return new LoadProfile.Replay(points(load, at), loop);
        }
        throw new ScenarioException(at + ": a replay needs csv (a file) or points");
    }
}
