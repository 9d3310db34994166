package dev.scalebus.metricsapi.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestPathTest {

    @Test
    void dotSegmentsPlainAndEncodedAreRefused() {
        for (String uri : new String[] {"/apis/m/v1/namespaces/mine/../../pods", "/a/./b", "/a/..", "/a/.",
                "/a/%2e%2e/b", "/a/%2E%2E/b", "/a/.%2e/b", "/a/%2e/b", "/a/%2E?x=1"}) {
            assertThat(RequestPath.problem(uri)).as(uri).hasValueSatisfying(p -> assertThat(p).contains("dot"));
        }
    }

    @Test
    void encodedSlashesBackslashesAndEmptySegmentsAreRefused() {
        assertThat(RequestPath.problem("/a%2Fb")).hasValue("an encoded slash (%2F)");
        assertThat(RequestPath.problem("/a%2fb")).hasValue("an encoded slash (%2F)");
        assertThat(RequestPath.problem("/a\\b")).hasValue("a backslash");
        assertThat(RequestPath.problem("/a%5Cb")).hasValue("a backslash");
        assertThat(RequestPath.problem("/a//b")).hasValue("an empty segment (//)");
    }

    @Test
    void cleanPathsPassWhateverTheQuerySays() {
        for (String uri : new String[] {"/apis/metrics.k8s.io/v1beta1/pods", "/apis/", "/",
                "/apis/x/v1/namespaces/a..b/pods", "/apis/x/v1/namespaces/.hidden/pods",
                "/apis/m/v1/pods?labelSelector=a%2Fb&x=../..", "https://host:8443/apis/m/v1/pods?q=/../"}) {
            assertThat(RequestPath.problem(uri)).as(uri).isEmpty();
        }
    }

    @Test
    void theAbsoluteFormIsJudgedOnItsPath() {
        assertThat(RequestPath.problem("https://host:8443/a/../b")).isPresent();
    }
}
