package io.tollgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.server.testing.PlatformTest;
import io.tollgate.server.testing.ApiClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProductsApiTest extends PlatformTest {
    @Test
    void createsProductWithHitsMetricAndListsIt() {
        ApiClient.Response created = admin.post("/admin/api/services.json",
                Map.of("service", Map.of("name", "Pets API", "description", "pets")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.at("/service/system_name").asText()).isEqualTo("pets_api");
        assertThat(created.at("/service/backend_version").asText()).isEqualTo("1");
        assertThat(created.at("/service/deployment_option").asText()).isEqualTo("hosted");
        long id = created.at("/service/id").asLong();
        assertThat(created.headers().firstValue("Location")).hasValue(admin.baseUrl() + "/admin/api/services/" + id);

        ApiClient.Response list = admin.get("/admin/api/services.json");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.at("/services/0/service/id").asLong()).isEqualTo(id);

        ApiClient.Response metrics = admin.get("/admin/api/services/" + id + "/metrics.json");
        assertThat(metrics.at("/metrics/0/metric/system_name").asText()).isEqualTo("hits");
        assertThat(metrics.at("/metrics/0/metric/unit").asText()).isEqualTo("hit");
    }
}
