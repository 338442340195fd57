package io.tollgate.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuiltinPoliciesTest {

    @Test
    void everyGatewayPolicyIsBuiltinAndHasAManifestWithTheRequiredFields() {
        Map<String, ObjectNode> manifests = BuiltinPolicies.manifests();

        assertThat(manifests.keySet()).containsExactlyElementsOf(BuiltinPolicies.GATEWAY);
        manifests.forEach((name, manifest) -> {
            assertThat(BuiltinPolicies.isBuiltin(name)).as(name).isTrue();
            assertThat(manifest.path("name").asText()).as(name + " name").isNotBlank();
            assertThat(manifest.path("summary").asText()).as(name + " summary").isNotBlank().hasSizeLessThanOrEqualTo(75);
            assertThat(manifest.path("version").asText()).as(name + " version").isEqualTo(BuiltinPolicies.VERSION);
            assertThat(manifest.path("configuration").path("type").asText()).as(name + " configuration")
                    .isEqualTo("object");
        });
    }

    @Test
    void manifestsAreFreshCopies() {
        BuiltinPolicies.manifests().get("apicast").put("summary", "changed");

        assertThat(BuiltinPolicies.manifests().get("apicast").path("summary").asText()).isNotEqualTo("changed");
    }
}
