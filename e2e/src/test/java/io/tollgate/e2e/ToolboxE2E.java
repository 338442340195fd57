package io.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The toolbox as a user drives it: {@code ./tollgate} processes against {@code ./tollgate up}, with two
 * tenants standing in for two instances: remotes in a 0600 file, an OpenAPI import, product export →
 * import into the other tenant → export again (equal but for annotations), and a one-line error.
 */
class ToolboxE2E {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @TempDir
    Path work;

    private Cli.Run tollgate(String... args) throws Exception {
        return new Cli(work).run(args);
    }

    private Cli.Run ok(String... args) throws Exception {
        return new Cli(work).ok(args);
    }

    private static JsonNode withoutAnnotations(String yaml) throws Exception {
        JsonNode doc = new YAMLMapper().readTree(yaml);
        for (JsonNode item : doc.path("items")) {
            ((ObjectNode) item.path("metadata")).remove("annotations");
        }
        return doc;
    }

    @Test
    void importsExportsAndCopiesBetweenTwoTenants() throws Exception {
        try (TollgateProcess platform = TollgateProcess.up(home)) {
            Http.Response signup = Http.postJson(platform.baseUrl(), "/master/api/providers.json",
                    TollgateProcess.MASTER_TOKEN, "{\"org_name\":\"Second\",\"username\":\"second\","
                            + "\"email\":\"second@example.com\",\"password\":\"secret-pass\"}");
            assertThat(signup.status()).isEqualTo(201);
            String secondToken = signup.json().at("/signup/access_token/value").asText();
            String host = platform.baseUrl().substring("http://".length());

            ok("remote", "add", "first", "http://" + TollgateProcess.ADMIN_TOKEN + "@" + host);
            ok("remote", "add", "second", "http://" + secondToken + "@" + host);
            assertThat(Files.getPosixFilePermissions(work.resolve("rc.yaml")))
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            assertThat(ok("remote", "list").out()).contains("first http://" + host);

            Path spec = work.resolve("petstore.json");
            Files.writeString(spec, "{\"swagger\":\"2.0\",\"info\":{\"title\":\"E2E Pets\",\"version\":\"1\"},"
                    + "\"host\":\"pets.example.com\",\"basePath\":\"/v1\",\"securityDefinitions\":{\"k\":{\"type\":"
                    + "\"apiKey\",\"in\":\"header\",\"name\":\"X-Key\"}},\"security\":[{\"k\":[]}],\"paths\":{\"/pets\":"
                    + "{\"get\":{\"operationId\":\"listPets\",\"responses\":{\"200\":{\"description\":\"ok\"}}}}}}");
            ok("import", "openapi", "-d", "first", spec.toString());
            ok("application-plan", "create", "first", "e2e_pets", "Basic", "-p");

            Path exported = work.resolve("product.yaml");
            ok("product", "export", "-f", exported.toString(), "first", "e2e_pets");
            JsonNode report = JSON.readTree(ok("product", "import", "-f", exported.toString(), "second").out());
            assertThat(report.at("/e2e_pets/missing_methods_created").asInt()).isEqualTo(1);
            assertThat(report.at("/e2e_pets/missing_application_plans_created").asInt()).isEqualTo(1);

            String again = ok("product", "export", "second", "e2e_pets").out();
            assertThat(withoutAnnotations(again)).isEqualTo(withoutAnnotations(Files.readString(exported)));
            JsonNode second = JSON.readTree(ok("product", "import", "-f", exported.toString(), "second").out());
            assertThat(second.findValues("missing_methods_created")).allMatch(n -> n.asInt() == 0);
            assertThat(second.findValues("missing_mapping_rules_created")).allMatch(n -> n.asInt() == 0);

            Http.Response services = Http.get(platform.baseUrl(), "/admin/api/services.json", secondToken);
            assertThat(services.json().at("/services").findValuesAsText("system_name")).contains("e2e_pets");

            Cli.Run missing = tollgate("service", "show", "second", "no_such_product");
            assertThat(missing.exit()).isEqualTo(1);
            assertThat(missing.err().strip()).isEqualTo("tollgate: product no_such_product not found on http://" + host);
            assertThat(new String(missing.out().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEmpty();
        }
    }
}
