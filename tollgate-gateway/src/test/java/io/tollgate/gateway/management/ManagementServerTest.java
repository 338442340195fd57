package io.tollgate.gateway.management;

import static io.tollgate.gateway.testing.ProductJson.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.gateway.image.ImageHolder;
import io.tollgate.gateway.testing.GatewayHarness;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ManagementServerTest {
    private GatewayHarness gw;
    private ManagementServer management;
    private HttpClient client;
    private int port;

    @BeforeEach
    void start() {
        gw = GatewayHarness.start();
        ImageHolder staging = new ImageHolder("staging", null);
        management = new ManagementServer(gw.vertx, List.of(gw.images, staging), gw.registry::scrape, "1.2.3", gw.clock);
        port = management.start("127.0.0.1", 0).await();
        client = gw.vertx.createHttpClient();
        this.staging = staging;
    }

    private ImageHolder staging;

    @AfterEach
    void stop() {
        management.stop().await();
        gw.close();
    }

    private record Reply(int status, String body) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(body);
        }
    }

    private Reply get(String path) {
        return client.request(HttpMethod.GET, port, "127.0.0.1", path)
                .compose(r -> r.send().compose(res -> res.body().map(b -> new Reply(res.statusCode(), b.toString()))))
                .await();
    }

    @Test
    void liveAtOnceReadyOnlyWhenEveryEnvironmentHasAConfiguration() throws Exception {
        assertThat(get("/status/live").status()).isEqualTo(200);
        Reply notReady = get("/status/ready");
        assertThat(notReady.status()).isEqualTo(503);
        assertThat(notReady.json().path("environments").path("production").asText()).isEqualTo("no configuration yet");

        gw.load(product(7, "pets.example.com").apiBackend(gw.upstream.url()));
        assertThat(get("/status/ready").status()).isEqualTo(503);
        staging.publish(gw.builder.build(staging.current(), List.of(), "test", gw.clock.instant()));

        Reply ready = get("/status/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("status").asText()).isEqualTo("ready");
    }

    @Test
    void infoTellsGenerationSizeAndAge() throws Exception {
        gw.load(product(7, "pets.example.com").apiBackend(gw.upstream.url()));
        gw.clock.advance(java.time.Duration.ofSeconds(42));

        JsonNode info = get("/status/info").json();

        assertThat(info.path("version").asText()).isEqualTo("1.2.3");
        JsonNode production = info.path("environments").path("production");
        assertThat(production.path("generation").asLong()).isEqualTo(1);
        assertThat(production.path("products").asInt()).isEqualTo(1);
        assertThat(production.path("age_seconds").asLong()).isEqualTo(42);
        assertThat(info.path("environments").path("staging").path("loaded").asBoolean()).isFalse();
    }

    @Test
    void metricsCountRequestsByProductAndStatus() {
        gw.load(product(7, "pets.example.com").apiBackend(gw.upstream.url()).rule("GET", "/", "hits"));
        gw.get("pets.example.com", "/x");

        String metrics = get("/metrics").body();

        assertThat(metrics).contains("tollgate_gateway_requests_total{environment=\"production\",product=\"7\",status=\"403\"} 1.0");
        assertThat(metrics).contains("tollgate_gateway_config_generation{environment=\"production\"} 1.0");
        assertThat(metrics).contains("tollgate_gateway_request_duration_seconds_bucket");
    }

    @Test
    void otherPathsAre404AndWritesAre405() {
        assertThat(get("/admin/api/services.json").status()).isEqualTo(404);
        int status = client.request(HttpMethod.POST, port, "127.0.0.1", "/status/live")
                .compose(r -> r.send().map(res -> res.statusCode())).await();
        assertThat(status).isEqualTo(405);
    }
}
