package dev.scalebus.metricsapi.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestheaderSettingsTest {

    /** The keys as kubeadm's apiserver publishes them (values of a kind cluster). */
    static final Map<String, String> KUBEADM = Map.of(
            "client-ca-file", "-----BEGIN CERTIFICATE-----\nY2x1c3Rlci1jYQ==\n-----END CERTIFICATE-----\n",
            "requestheader-client-ca-file", "-----BEGIN CERTIFICATE-----\nZnJvbnQtcHJveHk=\n-----END CERTIFICATE-----\n",
            "requestheader-allowed-names", "[\"front-proxy-client\"]",
            "requestheader-extra-headers-prefix", "[\"X-Remote-Extra-\"]",
            "requestheader-group-headers", "[\"X-Remote-Group\"]",
            "requestheader-username-headers", "[\"X-Remote-User\"]");

    @Test
    void readsTheFrontProxySettingsTheApiserverPublishes() {
        RequestheaderSettings settings = RequestheaderSettings.fromConfigMapData(KUBEADM);

        assertThat(settings.clientCaPem()).contains("ZnJvbnQtcHJveHk=").doesNotContain("Y2x1c3Rlci1jYQ==");
        assertThat(settings.hasClientCa()).isTrue();
        assertThat(settings.allowedNames()).containsExactly("front-proxy-client");
        assertThat(settings.usernameHeaders()).containsExactly("X-Remote-User");
        assertThat(settings.groupHeaders()).containsExactly("X-Remote-Group");
        assertThat(settings.extraHeadersPrefix()).containsExactly("X-Remote-Extra-");
    }

    @Test
    void givesTheServicePropertiesWithTheCaFile() {
        Map<String, String> properties = RequestheaderSettings.fromConfigMapData(KUBEADM)
                .properties(Path.of("/certs/ca.crt"));

        assertThat(properties).containsExactlyInAnyOrderEntriesOf(Map.of(
                "scalebus.metrics-api.requestheader.client-ca-file", "/certs/ca.crt",
                "scalebus.metrics-api.requestheader.allowed-names", "front-proxy-client",
                "scalebus.metrics-api.requestheader.username-headers", "X-Remote-User",
                "scalebus.metrics-api.requestheader.group-headers", "X-Remote-Group",
                "scalebus.metrics-api.requestheader.extra-headers-prefix", "X-Remote-Extra-"));
    }

    @Test
    void emptyListsLeaveTheDefaultsAndCommasAreEscapedForSmallRyeConfig() {
        RequestheaderSettings settings = RequestheaderSettings.fromConfigMapData(Map.of(
                "requestheader-client-ca-file", "pem", "requestheader-allowed-names", "[]",
                "requestheader-group-headers", "[\"X-Remote-Group\",\"X-Team, Inc\"]"));

        assertThat(settings.properties(Path.of("ca.crt"))).containsOnlyKeys(
                "scalebus.metrics-api.requestheader.client-ca-file",
                "scalebus.metrics-api.requestheader.group-headers")
                .containsEntry("scalebus.metrics-api.requestheader.group-headers", "X-Remote-Group,X-Team\\, Inc");
    }

    @Test
    void anApiserverWithoutFrontProxyHasNoClientCa() {
        RequestheaderSettings settings = RequestheaderSettings.fromConfigMapData(Map.of(
                "client-ca-file", "pem"));

        assertThat(settings.hasClientCa()).isFalse();
        assertThat(settings.allowedNames()).isEmpty();
    }

    @Test
    void malformedListNamesTheKey() {
        assertThatThrownBy(() -> RequestheaderSettings.fromConfigMapData(Map.of(
                "requestheader-client-ca-file", "pem", "requestheader-username-headers", "X-Remote-User")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requestheader-username-headers");
    }
}
