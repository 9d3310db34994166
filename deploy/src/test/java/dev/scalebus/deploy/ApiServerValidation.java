package dev.scalebus.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates rendered manifests as a real API server would before storing them, which the fabric8 mock server does
 * not: strict decoding ({@link StrictModel}), then the API server's validation rules ({@link ObjectRules},
 * {@link PodSpecRules}), then the references between the objects ({@link References}).
 */
final class ApiServerValidation {

    private ApiServerValidation() {
    }

    /** Every error, each prefixed with the object's Kind/namespace/name; empty when the release would be accepted. */
    static List<String> errors(String renderedYaml) {
        List<String> errors = new ArrayList<>();
        List<HasMetadata> objects = new ArrayList<>();
        for (StrictModel.Decoded d : StrictModel.decode(renderedYaml)) {
            String id = d.object().getMetadata() == null ? d.object().getKind() : Manifests.id(d.object());
            d.errors().forEach(e -> errors.add(id + ": " + e));
            if (d.errors().isEmpty()) {
                ObjectRules.validate(d.object()).forEach(e -> errors.add(id + ": " + e));
                objects.add(d.object());
            }
        }
        errors.addAll(References.check(objects));
        return errors;
    }
}
