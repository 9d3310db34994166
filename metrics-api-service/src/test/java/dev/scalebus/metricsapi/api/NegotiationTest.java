package dev.scalebus.metricsapi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NegotiationTest {

    @Test
    void followsTheClientsOrder() {
        assertThat(Negotiation.of("application/vnd.kubernetes.protobuf,application/json").form())
                .isEqualTo(Negotiation.Form.PROTOBUF);
        assertThat(Negotiation.of("application/json, */*").form()).isEqualTo(Negotiation.Form.JSON);
        assertThat(Negotiation.of(null).form()).isEqualTo(Negotiation.Form.JSON);
        assertThat(Negotiation.of("*/*").form()).isEqualTo(Negotiation.Form.JSON);
    }

    @Test
    void servesTablesAsJsonAndSkipsProtobufTables() {
        Negotiation table = Negotiation.of("application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io, "
                + "application/json;as=Table;v=v1beta1;g=meta.k8s.io, application/json");
        assertThat(table.form()).isEqualTo(Negotiation.Form.TABLE);
        assertThat(table.tableVersion()).isEqualTo("v1beta1");
        assertThat(Negotiation.of("application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json")
                .form()).isEqualTo(Negotiation.Form.JSON);
    }

    @Test
    void nothingAcceptableIs406() {
        assertThatThrownBy(() -> Negotiation.of("application/yaml")).isInstanceOf(StatusException.class)
                .extracting(e -> ((StatusException) e).code()).isEqualTo(406);
    }
}
