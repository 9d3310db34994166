package dev.scalebus.collector.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebus.collector.scrape.PrometheusTextParser.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exposition format 0.0.4 as application pods serve it (the kubelet cases are in ResourceMetricsDecoderTest). */
class PrometheusTextParserTest {

    @Test
    void countersAndGaugesCarryTheirTypeLabelsAndOptionalTimestamps() throws Exception {
        List<Sample> samples = PrometheusTextParser.parse("""
                # HELP http_requests_total The total number of HTTP requests.
                # TYPE http_requests_total counter
                http_requests_total{method="post",code="200"} 1027 1395066363000
                http_requests_total{method="post",code="400"}    3 1395066363000
                # TYPE process_resident_memory_bytes gauge
                process_resident_memory_bytes 2.5e+07
                no_type_given{a="b"} -1.5
                """);

        assertThat(samples).extracting(Sample::name, Sample::type, Sample::labels, Sample::number,
                Sample::timestampMillis).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("http_requests_total", "counter",
                                Map.of("method", "post", "code", "200"), 1027.0, 1395066363000L),
                        org.assertj.core.groups.Tuple.tuple("http_requests_total", "counter",
                                Map.of("method", "post", "code", "400"), 3.0, 1395066363000L),
                        org.assertj.core.groups.Tuple.tuple("process_resident_memory_bytes", "gauge", Map.of(),
                                2.5e7, null),
                        org.assertj.core.groups.Tuple.tuple("no_type_given", null, Map.of("a", "b"), -1.5, null));
    }

    @Test
    void histogramAndSummarySeriesBelongToTheirFamily() throws Exception {
        List<Sample> samples = PrometheusTextParser.parse("""
                # HELP http_request_duration_seconds A histogram of the request duration.
                # TYPE http_request_duration_seconds histogram
                http_request_duration_seconds_bucket{le="0.05"} 24054
                http_request_duration_seconds_bucket{le="+Inf"} 144320
                http_request_duration_seconds_sum 53423
                http_request_duration_seconds_count 144320
                # TYPE rpc_duration_seconds summary
                rpc_duration_seconds{quantile="0.5"} 4773
                rpc_duration_seconds_sum 1.7560473e+07
                rpc_duration_seconds_count 2693
                # TYPE legacy untyped
                legacy 1
                rpc_duration_seconds_bucket 7
                """);

        assertThat(samples).extracting(Sample::name, Sample::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("http_request_duration_seconds_bucket", "histogram"),
                org.assertj.core.groups.Tuple.tuple("http_request_duration_seconds_bucket", "histogram"),
                org.assertj.core.groups.Tuple.tuple("http_request_duration_seconds_sum", "histogram"),
                org.assertj.core.groups.Tuple.tuple("http_request_duration_seconds_count", "histogram"),
                org.assertj.core.groups.Tuple.tuple("rpc_duration_seconds", "summary"),
                org.assertj.core.groups.Tuple.tuple("rpc_duration_seconds_sum", "summary"),
                org.assertj.core.groups.Tuple.tuple("rpc_duration_seconds_count", "summary"),
                org.assertj.core.groups.Tuple.tuple("legacy", null),
                org.assertj.core.groups.Tuple.tuple("rpc_duration_seconds_bucket", null)); // summaries have no buckets
        assertThat(samples.get(1).labels()).containsEntry("le", "+Inf");
        assertThat(samples.get(5).number()).isEqualTo(1.7560473e7);
    }

    @Test
    void labelValuesUnescapeBackslashQuoteAndNewline() throws Exception {
        Sample sample = PrometheusTextParser.parse(
                "msdos_file_access_time_seconds{path=\"C:\\\\DIR\\\\FILE.TXT\",error=\"Cannot find \\\"x\\\":\\n"
                        + "bad\",} 1.458255915e9\n").get(0);

        assertThat(sample.labels()).containsExactly(Map.entry("path", "C:\\DIR\\FILE.TXT"),
                Map.entry("error", "Cannot find \"x\":\nbad"));
    }

    @Test
    void nanAndInfinitiesParseAsNonFiniteValues() throws Exception {
        List<Sample> samples = PrometheusTextParser.parse("a NaN\nb +Inf\nc -Inf\r\n# just a comment\n\n");

        assertThat(samples).extracting(Sample::number).containsExactly(Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY);
    }

    @Test
    void malformedLinesFailTheWholeBodyNamingTheLine() {
        assertMalformed("ok 1\nbad{a=\"b\" 1\n", "line 2", "expected ',' or '}'");
        assertMalformed("ok 1\n\nx{a=\"b\\q\"} 1\n", "line 3", "invalid escape sequence");
        assertMalformed("x{a=\"b\",a=\"c\"} 1\n", "line 1", "duplicate label name a");
        assertMalformed("x 1 12.5\n", "line 1", "timestamp '12.5' is not an integer");
        assertMalformed("x one\n", "line 1", "value 'one' is not a number");
        assertMalformed("x\n", "line 1", "expected a space before the value");
        assertMalformed("# TYPE x countr\n", "line 1", "unknown metric type 'countr'");
        assertMalformed("# TYPE x gauge\n# TYPE x counter\n", "line 2", "second TYPE line for metric name x");
        assertMalformed("x 1\n# TYPE x gauge\n", "line 2", "TYPE reported after samples");
        assertMalformed("# TYPE\n", "line 1", "expected a metric name after # TYPE");
        assertMalformed("x{1a=\"b\"} 1\n", "line 1", "expected a label name");
        assertMalformed("x 1 2 3\n", "line 1", "unexpected text after the timestamp");
    }

    private static void assertMalformed(String body, String... fragments) {
        var thrown = assertThatThrownBy(() -> PrometheusTextParser.parse(body)).isInstanceOf(ScrapeException.class)
                .satisfies(e -> assertThat(((ScrapeException) e).reason()).isEqualTo(FailureReason.MALFORMED));
        for (String fragment : fragments) {
            thrown.hasMessageContaining(fragment);
        }
    }
}
