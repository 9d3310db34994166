package dev.scalebus.history;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * The one test configuration of the module, global to every @QuarkusTest so Quarkus starts once: the mock
 * Kubernetes API server answering the reviews ({@link ApiServer}); authentication stays ON.
 */
@QuarkusTestResource(ApiServer.class)
public final class TestResources {

    private TestResources() {
    }
}
