package io.tollgate.client.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.client.Documents;
import org.junit.jupiter.api.Test;

class CrsTest {
    @Test
    void namesResourcesAfterTheirSystemName() {
        assertThat(Crs.resourceName("backend_01")).isEqualTo("backend.01");
        assertThat(Crs.resourceName("_Pets API_")).isEqualTo("pets.api");
        assertThat(Crs.resourceName("___")).isEqualTo("resource");
    }

    @Test
    void readsAListOrOneResourceAndChecksEachItem() {
        assertThat(Crs.items(Documents.parse("kind: Backend\napiVersion: capabilities.3scale.net/v1beta1\n"
                + "spec:\n  systemName: b\n", "doc"))).hasSize(1);
        assertThatThrownBy(() -> Crs.items(Documents.parse("kind: List\nitems:\n- kind: Secret\n", "doc")))
                .hasMessage("product definition: items[0].kind: expected Product or Backend, got 'Secret'");
        assertThatThrownBy(() -> Crs.items(Documents.parse("kind: Product\napiVersion: " + Crs.API_VERSION
                + "\nspec: {}\n", "doc"))).hasMessage("product definition: items[0].spec.systemName is missing");
    }
}
