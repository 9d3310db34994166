package dev.scalebus.metricsapi;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.kubernetes.client.KubernetesServerTestResource;

/**
 * The one test configuration of the module, global to every @QuarkusTest so Quarkus starts once: the fabric8 mock
 * apiserver (CRUD mode, the resource's default, plus expectations for the reviews) and the test certificates.
 * {@code @WithKubernetesTestServer} is not used because it restricts the resource to one class, which restarts
 * Quarkus for each test class.
 */
@QuarkusTestResource(KubernetesServerTestResource.class)
@QuarkusTestResource(TlsTestResource.class)
public final class TestResources {

    private TestResources() {
    }
}
