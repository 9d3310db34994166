package dev.scalebus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    @Test
    void nodeScrapeSurvivesARoundTripFieldByField() {
        NodeScrape scrape = SampleEvents.nodeScrape("node-a");
        NodeScrape read = EventJson.fromBytes(EventJson.toBytes(scrape), NodeScrape.class);
        assertThat(read).usingRecursiveComparison().isEqualTo(scrape);
    }

    @Test
    void scalingDecisionSurvivesARoundTripFieldByField() {
        ScalingDecision decision = SampleEvents.scalingDecision("hpa-eladmin-web");
        ScalingDecision read = EventJson.fromBytes(EventJson.toBytes(decision), ScalingDecision.class);
        assertThat(read).usingRecursiveComparison().isEqualTo(decision);
        assertThat(read.key()).isEqualTo("yuchao/hpa-eladmin-web");
    }

    @Test
    void customMetricSamplesSurviveARoundTripFieldByField() {
        CustomMetricSamples samples = SampleEvents.customMetricSamples("web-1");
        CustomMetricSamples read = EventJson.fromBytes(EventJson.toBytes(samples), CustomMetricSamples.class);
        assertThat(read).usingRecursiveComparison().isEqualTo(samples);
        assertThat(read.key()).isEqualTo("shop/web-1");
    }

    @Test
    void customMetricSamplesWithoutAPodOrWithANonFiniteValueAreMalformed() {
        String noPod = "{\"schemaVersion\":1,\"namespace\":\"shop\",\"scrapeTime\":\"2026-11-22T10:00:00Z\"}";
        assertThatThrownBy(() -> EventJson.fromBytes(noPod.getBytes(StandardCharsets.UTF_8), CustomMetricSamples.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("malformed CustomMetricSamples event: CustomMetricSamples: required field 'pod' is missing");
        assertThatThrownBy(() -> new CustomMetricSamples.SeriesSample("up", "gauge", null, Double.NaN, null))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("not finite");
    }

    @Test
    void writesTimesAsRfc3339AndLeavesNullsOut() {
        String json = EventJson.toJson(SampleEvents.scalingDecision("a"));
        assertThat(json).contains("\"time\":\"2026-11-22T10:16:00Z\"").contains("\"schemaVersion\":1")
                .doesNotContain("null");
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        String json = "{\"schemaVersion\":2,\"nodeName\":\"n1\",\"scrapeTime\":\"2026-11-22T10:00:00Z\","
                + "\"scrapeDurationMillis\":5,\"gpu\":{\"usage\":3},\"pods\":[{\"namespace\":\"a\",\"name\":\"p\","
                + "\"priorityClass\":\"high\",\"containers\":[]}]}";
        NodeScrape read = EventJson.fromBytes(json.getBytes(StandardCharsets.UTF_8), NodeScrape.class);
        assertThat(read.schemaVersion()).isEqualTo(2);
        assertThat(read.pods()).singleElement().extracting(PodSample::name).isEqualTo("p");
    }

    @Test
    void aMissingRequiredFieldIsAClearErrorNotAHalfFilledEvent() {
        String json = "{\"schemaVersion\":1,\"scrapeTime\":\"2026-11-22T10:00:00Z\",\"pods\":[]}";
        assertThatThrownBy(() -> EventJson.fromBytes(json.getBytes(StandardCharsets.UTF_8), NodeScrape.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("malformed NodeScrape event: NodeScrape: required field 'nodeName' is missing");
    }

    @Test
    void aMissingSchemaVersionIsRejected() {
        String json = "{\"nodeName\":\"n1\",\"scrapeTime\":\"2026-11-22T10:00:00Z\"}";
        assertThatThrownBy(() -> EventJson.fromBytes(json.getBytes(StandardCharsets.UTF_8), NodeScrape.class))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("'schemaVersion' is missing");
    }

    @Test
    void aNestedMissingFieldNamesTheNestedRecord() {
        String json = "{\"schemaVersion\":1,\"nodeName\":\"n1\",\"scrapeTime\":\"2026-11-22T10:00:00Z\","
                + "\"pods\":[{\"namespace\":\"a\",\"containers\":[]}]}";
        assertThatThrownBy(() -> EventJson.fromBytes(json.getBytes(StandardCharsets.UTF_8), NodeScrape.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("PodSample: required field 'name' is missing");
    }

    @Test
    void aWrongTypeNamesTheField() {
        String json = "{\"schemaVersion\":1,\"nodeName\":\"n1\",\"scrapeTime\":\"yesterday\"}";
        assertThatThrownBy(() -> EventJson.fromBytes(json.getBytes(StandardCharsets.UTF_8), NodeScrape.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("malformed NodeScrape event:").hasMessageContaining("scrapeTime");
    }

    @Test
    void brokenJsonIsAClearError() {
        assertThatThrownBy(() -> EventJson.fromBytes("{\"schemaVersion\":1,".getBytes(StandardCharsets.UTF_8),
                ScalingDecision.class))
                .isInstanceOf(MalformedEventException.class).hasMessageStartingWith("malformed ScalingDecision event:");
        assertThatThrownBy(() -> EventJson.fromBytes(new byte[0], ScalingDecision.class))
                .hasMessage("malformed ScalingDecision event: empty payload");
        assertThatThrownBy(() -> EventJson.fromBytes("null".getBytes(StandardCharsets.UTF_8), ScalingDecision.class))
                .hasMessage("malformed ScalingDecision event: JSON null");
    }
}
