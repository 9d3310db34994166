package dev.scalebus.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's path confusion: a caller with a wildcard Role in namespace {@code mine} only (carol) must not reach
 * other namespaces' pods through dot segments or encodings; such paths are 400 before authentication, every other
 * path is authorized as routed.
 */
@QuarkusTest
class RequestHygieneTest {

    static final String PODS = "/apis/metrics.k8s.io/v1beta1/pods";
    static final String MINE = "/apis/metrics.k8s.io/v1beta1/namespaces/mine";

    @KubernetesTestServer
    KubernetesServer apiServer;

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @BeforeEach
    void reviews() {
        ApiServerMock.install(apiServer);
    }

    @Test
    void theIssuesDotDotPathIsBadRequestNotEveryNamespacesPods() throws Exception {
        RawHttps.Answer answer = RawHttps.get(https, MINE + "/../../pods", ApiServerMock.MINE_TOKEN);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("\"kind\":\"Status\"").contains("\"reason\":\"BadRequest\"")
                .contains("dot segment").doesNotContain("PodMetricsList");
    }

    @Test
    void everyDotSegmentEncodedSlashAndBackslashFormIsBadRequestEvenAnonymous() throws Exception {
        for (String path : List.of(MINE + "/./pods", MINE + "/pods/..", MINE + "/%2e%2e/%2E%2E/pods",
                MINE + "/.%2e/..%2E/pods", MINE + "%2Fpods", MINE + "%2fpods", MINE + "/%5c..%5Cpods",
                "/apis//metrics.k8s.io/v1beta1/pods", "/q/../apis")) {
            for (String token : java.util.Arrays.asList(null, ApiServerMock.MINE_TOKEN, ApiServerMock.RBAC_TOKEN)) {
                RawHttps.Answer answer = RawHttps.get(https, path, token);
                assertThat(answer.status()).as(path + " with " + token + ": " + answer.body()).isEqualTo(400);
                assertThat(answer.body()).as(path).contains("\"reason\":\"BadRequest\"");
            }
        }
    }

    @Test
    void aRawBackslashIsRefusedByTheHttpLayerAlready() throws Exception {
        RawHttps.Answer answer = RawHttps.get(https, MINE + "\\..\\..\\pods", ApiServerMock.MINE_TOKEN);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).doesNotContain("PodMetricsList");
    }

    @Test
    void aCallerAllowedInOneNamespaceReadsItButNotTheClusterNorAnotherNamespace() throws Exception {
        assertThat(RawHttps.get(https, MINE + "/pods", ApiServerMock.MINE_TOKEN).status()).isEqualTo(200);
        RawHttps.Answer cluster = RawHttps.get(https, PODS, ApiServerMock.MINE_TOKEN);
        assertThat(cluster.status()).isEqualTo(403);
        assertThat(cluster.body()).contains("User \\\"carol\\\" cannot list resource \\\"pods\\\" in API group "
                + "\\\"metrics.k8s.io\\\" at the cluster scope");
        RawHttps.Answer other = RawHttps.get(https, "/apis/metrics.k8s.io/v1beta1/namespaces/other/pods",
                ApiServerMock.MINE_TOKEN);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.body()).contains("in the namespace \\\"other\\\"");
    }

    @Test
    void anEncodedNamespaceIsAuthorizedAsTheDecodedOneRestRoutes() throws Exception {
        // %6d%69%6e%65 is "mine": routed to mine's pods, so authorized there (and only there)
        assertThat(RawHttps.get(https, "/apis/metrics.k8s.io/v1beta1/namespaces/%6d%69%6e%65/pods",
                ApiServerMock.MINE_TOKEN).status()).isEqualTo(200);
        assertThat(RawHttps.get(https, "/apis/metrics.k8s.io/v1beta1/namespaces/%6f%74%68%65%72/pods",
                ApiServerMock.MINE_TOKEN).status()).isEqualTo(403);
    }

    @Test
    void badTokenIsUnauthorizedAndValidTokenWithoutRbacIsForbidden() throws Exception {
        RawHttps.Answer bad = RawHttps.get(https, MINE + "/pods", "wrong");
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.body()).contains("\"reason\":\"Unauthorized\"");
        RawHttps.Answer noRbac = RawHttps.get(https, MINE + "/pods", ApiServerMock.NO_RBAC_TOKEN);
        assertThat(noRbac.status()).isEqualTo(403);
        assertThat(noRbac.body()).contains("\"reason\":\"Forbidden\"").contains("User \\\"bob\\\"");
    }
}
