package dev.scalebus.history.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.history.TestData;
import dev.scalebus.history.store.DecisionRepository;
import dev.scalebus.history.store.RollupJob;
import dev.scalebus.history.store.SampleWriter;
import dev.scalebus.history.store.Step;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every panel, annotation and variable query of every dashboard in ../grafana runs and returns rows. */
@QuarkusTest
class GrafanaDashboardsTest {

    static final Path DASHBOARDS = Path.of("..", "grafana", "dashboards");

    @Inject
    AgroalDataSource ds;
    @Inject
    SampleWriter writer;
    @Inject
    DecisionRepository decisions;
    @Inject
    RollupJob rollups;

    /** One query found in a dashboard file. */
    record Query(String file, String where, String sql) {
    }

    @Test
    void everyDashboardQueryRunsAgainstSeededDataAndReturnsRows() throws Exception {
        String ns = TestData.unique("ns-grafana");
        String node = TestData.unique("node-grafana");
        Instant now = Instant.now();
        Instant start = now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
        List<NodeScrape> scrapes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            scrapes.add(TestData.scrape(node, ns, start.plusSeconds(15L * i), 2, i));
        }
        QuarkusTransaction.requiringNew().run(() -> {
            writer.write(scrapes, Instant.EPOCH);
            decisions.insertIfAbsent(TestData.decision(UUID.randomUUID().toString(), ns, "web", start.plusSeconds(30), 2, 4, 4));
            decisions.insertIfAbsent(TestData.decision(UUID.randomUUID().toString(), ns, "web", start.plusSeconds(90), 4, 5, 5));
        });
        rollups.rollUp(Step.MINUTE, start, now.plus(Duration.ofMinutes(1)));

        GrafanaMacros macros = new GrafanaMacros(now.minus(Duration.ofHours(1)), now.plus(Duration.ofMinutes(1)), "1m",
                Map.of("namespace", ns, "node", node, "workload", "Deployment/web", "autoscaler", "web"));
        List<Query> queries = queries();
        assertThat(queries.stream().map(Query::file).distinct())
                .containsExactlyInAnyOrder("autoscaler-timeline.json", "cluster-overview.json", "node.json",
                        "workloads.json");

        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (Query q : queries) {
                String sql = macros.expand(q.sql());
                List<String> firstColumn = new ArrayList<>();
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        firstColumn.add(rs.getString(1));
                    }
                } catch (SQLException e) {
                    throw new AssertionError(q.file() + " " + q.where() + " failed: " + e.getMessage() + "\n" + sql, e);
                }
                assertThat(firstColumn).as(q.file() + " " + q.where() + " returns rows:\n" + sql).isNotEmpty();
                if (q.where().equals("variable namespace")) {
                    assertThat(firstColumn).as(q.file() + " namespaces").contains(ns);
                }
                if (q.where().equals("variable node")) {
                    assertThat(firstColumn).contains(node);
                }
            }
        }
    }

    @Test
    void macrosExpandAsGrafanaDoes() {
        GrafanaMacros m = new GrafanaMacros(Instant.parse("2026-11-22T10:00:00Z"), Instant.parse("2026-11-22T11:00:00Z"),
                "5m", Map.of("node", "n1"));
        assertThat(m.expand("SELECT $__timeGroupAlias(t, $__interval), x FROM y WHERE n = '${node}' AND "
                + "$__timeFilter(t) AND n <> '$node' AND t > $__timeFrom() AND t < $__timeTo() GROUP BY $__timeGroup(t, '1h')"))
                .isEqualTo("SELECT floor(extract(epoch from t)/300)*300 AS \"time\", x FROM y WHERE n = 'n1' AND "
                        + "t BETWEEN '2026-11-22T10:00:00Z' AND '2026-11-22T11:00:00Z' AND n <> 'n1' AND "
                        + "t > '2026-11-22T10:00:00Z' AND t < '2026-11-22T11:00:00Z' GROUP BY floor(extract(epoch from t)/3600)*3600");
    }

    /** Every rawSql of panels (rows included) and annotations, and every query variable, of every dashboard. */
    static List<Query> queries() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Query> result = new ArrayList<>();
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = mapper.readTree(file.toFile());
                String name = file.getFileName().toString();
                panels(dashboard.path("panels"), name, result);
                for (JsonNode a : dashboard.path("annotations").path("list")) {
                    String sql = a.path("target").path("rawSql").asText(a.path("rawQuery").asText(""));
                    if (!sql.isBlank()) {
                        result.add(new Query(name, "annotation " + a.path("name").asText(), sql));
                    }
                }
                for (JsonNode v : dashboard.path("templating").path("list")) {
                    if (v.path("type").asText().equals("query")) {
                        JsonNode q = v.path("query");
                        result.add(new Query(name, "variable " + v.path("name").asText(),
                                q.isTextual() ? q.asText() : q.path("rawSql").asText()));
                    }
                }
            }
        }
        return result;
    }

    private static void panels(JsonNode panels, String file, List<Query> result) {
        for (JsonNode p : panels) {
            panels(p.path("panels"), file, result);
            if (p.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(p.path("targets").size()).as(file + " panel " + p.path("title").asText() + " has queries")
                    .isPositive();
            for (JsonNode t : p.path("targets")) {
                assertThat(t.path("rawSql").asText()).as(file + " panel " + p.path("title").asText()).isNotBlank();
                result.add(new Query(file, "panel " + p.path("title").asText() + " " + t.path("refId").asText(),
                        t.path("rawSql").asText()));
            }
        }
    }
}
