package io.tollgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.TestPlatform;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How the admin API server treats paths, formats, bodies and errors, whatever the resource. */
class ConventionsApiTest {
    private static final int MAX_BODY = 2048;
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final String NOT_FOUND = "{\"status\":\"Not found\"}";

    private static TestPlatform platform;
    private static ApiClient admin;

    @BeforeAll
    static void start() {
        platform = TestPlatform.startWithMaxBody(MAX_BODY);
        admin = platform.admin();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void jsonSuffixIsOptional() {
        ApiClient.Response created = admin.post("/admin/api/services", Map.of("name", "No Suffix"));
        long id = created.at("/service/id").asLong();

        assertThat(created.status()).isEqualTo(201);
        assertThat(admin.get("/admin/api/services/" + id).json())
                .isEqualTo(admin.get("/admin/api/services/" + id + ".json").json());
        assertThat(admin.get("/admin/api/services.json?per_page=1").at("/services/0/service/id").asLong())
                .isEqualTo(admin.get("/admin/api/services?per_page=1").at("/services/0/service/id").asLong());
        assertThat(admin.put("/admin/api/services/" + id, Map.of("description", "bare")).at("/service/description")
                .asText()).isEqualTo("bare");
    }

    @Test
    void xmlFormatIsRefusedWithJsonError() {
        for (ApiClient.Response refused : List.of(admin.get("/admin/api/services.xml"),
                admin.post("/admin/api/services.xml", Map.of("name", "Xml")),
                admin.get("/admin/api/no_such_thing.xml"))) {
            assertThat(refused.status()).isEqualTo(406);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue(JSON_TYPE);
            assertThat(refused.json().toString()).isEqualTo(
                    "{\"error\":\"Format 'xml' is not supported; use the .json path\",\"code\":\"unsupported_format\"}");
        }
        assertThat(names()).doesNotContain("Xml");
    }

    @Test
    void malformedJsonIsBadRequestWithItsPosition() {
        ApiClient.Response broken = admin.send("POST", "/admin/api/services.json", "{\n  \"name\": \"x\",,\n}",
                "application/json");

        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.headers().firstValue("Content-Type")).hasValue(JSON_TYPE);
        assertThat(broken.at("/code").asText()).isEqualTo("malformed_body");
        assertThat(broken.at("/error").asText()).startsWith("Malformed JSON body: ").contains("line 2, column");
    }

    @Test
    void jsonThatIsNotOneObjectIsBadRequest() {
        for (String body : List.of("\"abc\"", "42", "null", "true", "[1,2]", "[{\"name\":\"InArray\"}]",
                "{\"name\":\"Trailing\"} {\"name\":\"x\"}",
                "{\"name\":\"Garbage\"} garbage")) {
            ApiClient.Response refused = admin.send("POST", "/admin/api/services.json", body, "application/json");
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.at("/code").asText()).isEqualTo("malformed_body");
        }
        assertThat(names()).doesNotContain("Trailing", "Garbage", "InArray");
    }

    @Test
    void unsupportedContentTypeWithBodyIsRefused() {
        ApiClient.Response csv = admin.send("POST", "/admin/api/services.json", "name\nCsv", "text/csv");
        ApiClient.Response csvGet = admin.send("GET", "/admin/api/services.json", null, "text/csv");

        assertThat(csv.status()).isEqualTo(415);
        assertThat(csv.headers().firstValue("Content-Type")).hasValue(JSON_TYPE);
        assertThat(csv.at("/code").asText()).isEqualTo("unsupported_media_type");
        assertThat(csv.at("/error").asText()).contains("text/csv");
        assertThat(csvGet.status()).isEqualTo(200);
        assertThat(names()).doesNotContain("Csv");
    }

    @Test
    void bodyOverTheLimitIsRefused() throws Exception {
        String big = "{\"name\":\"Big\",\"description\":\"" + "x".repeat(MAX_BODY) + "\"}";
        String fits = "{\"name\":\"Fits\",\"description\":\"" + "x".repeat(MAX_BODY - 40) + "\"}";

        ApiClient.Response declared = admin.post("/admin/api/services.json", big);
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(platform.baseUrl() + "/admin/api/services.json"))
                .header("Authorization", "Bearer " + TestPlatform.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.replace("Big", "Chunked").getBytes(StandardCharsets.UTF_8))))
                .build(), HttpResponse.BodyHandlers.ofString());
        ApiClient.Response small = admin.post("/admin/api/services.json", fits);

        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.headers().firstValue("Content-Type")).hasValue(JSON_TYPE);
        assertThat(declared.json().toString()).isEqualTo(
                "{\"error\":\"Request body exceeds " + MAX_BODY + " bytes\",\"code\":\"payload_too_large\"}");
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(new ObjectMapper().readTree(chunked.body()).get("code").asText()).isEqualTo("payload_too_large");
        assertThat(small.status()).as(small.text()).isEqualTo(201);
        assertThat(names()).contains("Fits").doesNotContain("Big", "Chunked");
    }

    @Test
    void unknownRoutesAndNonNumericIdsAreNotFound() {
        for (String path : List.of("/admin/api/nothing.json", "/admin/api/nothing", "/", "/admin/api/services/1/x.json",
                "/admin/api/services/abc.json", "/admin/api/services/-1.json", "/admin/api/services/1e3.json",
                "/admin/api/services/99999999999999999999999.json", "/admin/api/services/%20.json",
                "/admin/api/services/abc/metrics.json")) {
            ApiClient.Response missing = admin.get(path);
            assertThat(missing.status()).as(path).isEqualTo(404);
            assertThat(missing.headers().firstValue("Content-Type")).hasValue(JSON_TYPE);
            assertThat(missing.json().toString()).as(path).isEqualTo(NOT_FOUND);
        }
        assertThat(admin.delete("/admin/api/services/abc.json").status()).isEqualTo(404);
    }

    @Test
    void wrongMethodOnAKnownRouteIsNotAllowed() {
        for (ApiClient.Response refused : List.of(admin.delete("/admin/api/services.json"),
                admin.put("/admin/api/services", Map.of("name", "Put")),
                admin.post("/admin/api/services/1.json", Map.of("name", "Post")),
                admin.patch("/master/api/providers.json", Map.of()))) {
            assertThat(refused.status()).isEqualTo(405);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue(JSON_TYPE);
            assertThat(refused.at("/code").asText()).isEqualTo("method_not_allowed");
        }
        assertThat(names()).doesNotContain("Put", "Post");
    }

    @Test
    void everyResponseIsJsonUtf8AndDeleteIsEmpty() throws Exception {
        ApiClient.Response created = admin.post("/admin/api/services.json", Map.of("name", "Ünïcode Ⓐ"));
        long id = created.at("/service/id").asLong();
        ApiClient.Response read = admin.get("/admin/api/services/" + id + ".json");
        ApiClient.Response invalid = admin.post("/admin/api/services.json", Map.of());
        ApiClient.Response denied = platform.anonymous().get("/admin/api/services.json");
        ApiClient.Response deleted = admin.delete("/admin/api/services/" + id + ".json");

        for (ApiClient.Response r : List.of(created, read, invalid, denied, deleted)) {
            assertThat(r.headers().firstValue("Content-Type")).as(r.text()).hasValue(JSON_TYPE);
        }
        assertThat(read.at("/service/name").asText()).isEqualTo("Ünïcode Ⓐ");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.text()).isEmpty();
        assertThat(deleted.headers().firstValueAsLong("Content-Length")).hasValue(0);
    }

    private static List<String> names() {
        JsonNode services = admin.get("/admin/api/services.json").at("/services");
        return services.findValuesAsText("name");
    }

    static String basic(String userAndPassword) {
        return Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }
}
