package dev.scalebus.simulator.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Merge patch (RFC 7386) and JSON patch (RFC 6902, object members) as applied to a Scale. */
class JsonPatchesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode scale() throws Exception {
        return (ObjectNode) JSON.readTree("{\"metadata\":{\"name\":\"w\",\"resourceVersion\":\"7\"},"
                + "\"spec\":{\"replicas\":2},\"status\":{\"replicas\":2,\"selector\":\"app=w\"}}");
    }

    @Test
    void mergePatchMergesObjectsReplacesValuesAndNullRemoves() throws Exception {
        ObjectNode out = JsonPatches.apply(scale(), JSON.readTree(
                "{\"spec\":{\"replicas\":5},\"metadata\":{\"resourceVersion\":null,\"labels\":{\"a\":\"b\"}}}"));
        assertThat(out.toString()).isEqualTo("{\"metadata\":{\"name\":\"w\",\"labels\":{\"a\":\"b\"}},"
                + "\"spec\":{\"replicas\":5},\"status\":{\"replicas\":2,\"selector\":\"app=w\"}}");
    }

    @Test
    void theTargetIsNotChanged() throws Exception {
        ObjectNode target = scale();
        JsonPatches.apply(target, JSON.readTree("{\"spec\":{\"replicas\":5}}"));
        assertThat(target).isEqualTo(scale());
    }

    @Test
    void jsonPatchAddsReplacesRemovesAndTestsWithNumbersByValue() throws Exception {
        ObjectNode out = JsonPatches.apply(scale(), JSON.readTree("[{\"op\":\"test\",\"path\":\"/spec/replicas\","
                + "\"value\":2.0},{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":4},"
                + "{\"op\":\"remove\",\"path\":\"/status/selector\"},"
                + "{\"op\":\"add\",\"path\":\"/metadata/a~1b\",\"value\":\"x\"}]"));
        assertThat(out.path("spec").path("replicas").asInt()).isEqualTo(4);
        assertThat(out.path("status").has("selector")).isFalse();
        assertThat(out.path("metadata").path("a/b").asText()).isEqualTo("x");
    }

    @Test
    void aFailedTestOrAMissingPathIsUnprocessableAndAnUnknownOpABadRequest() {
        assertThatThrownBy(() -> JsonPatches.apply(scale(), JSON.readTree(
                "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":3}]")))
                .isInstanceOfSatisfying(JsonPatches.PatchException.class, e -> assertThat(e.code).isEqualTo(422));
        assertThatThrownBy(() -> JsonPatches.apply(scale(), JSON.readTree(
                "[{\"op\":\"replace\",\"path\":\"/spec/nope/replicas\",\"value\":3}]")))
                .isInstanceOfSatisfying(JsonPatches.PatchException.class, e -> assertThat(e.code).isEqualTo(422));
        assertThatThrownBy(() -> JsonPatches.apply(scale(), JSON.readTree(
                "[{\"op\":\"move\",\"from\":\"/spec\",\"path\":\"/x\"}]")))
                .isInstanceOfSatisfying(JsonPatches.PatchException.class, e -> assertThat(e.code).isEqualTo(400))
                .hasMessageContaining("unsupported operation \"move\"");
    }
}
