package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: import csv with the seed's header creates the services and methods. */
class ImportCsvTest extends CliTest {
    @TempDir
    Path dir;

    @Test
    void createsServicesMetricsMethodsAndRulesOnceOnly() throws Exception {
        Path csv = dir.resolve("import.csv");
        Files.writeString(csv, """
                service_name,endpoint_name,endpoint_http_method,endpoint_path,auth_mode,endpoint_system_name,type
                Movies ,Movies (Biography),GET,/movies/biography/,api_key,movies_biography,metric
                Movies ,Movies (Drama),GET,/movies/drama/,api_key,movies_drama,method
                "Books, Inc",Search books,POST,/books/search,app_id,search_books,method
                """);
        assertThat(ok("import", "csv", "--destination=a", "--file=" + csv).out().strip())
                .isEqualTo("Created 2 services, 1 metrics, 2 methods and 3 mapping rules");

        JsonNode movies = find("movies");
        assertThat(movies.path("name").asText()).isEqualTo("Movies");
        assertThat(movies.path("backend_version").asText()).isEqualTo("1");
        assertThat(find("books_inc").path("backend_version").asText()).isEqualTo("2");
        long id = movies.path("id").asLong();
        List<String> metrics = new ArrayList<>();
        for (JsonNode m : a.get("/admin/api/services/" + id + "/metrics.json").at("/metrics")) {
            metrics.add(m.at("/metric/system_name").asText() + (m.at("/metric/parent_id").isNumber() ? "(method)" : ""));
        }
        assertThat(metrics).containsExactly("hits", "movies_biography", "movies_drama(method)");
        assertThat(a.get("/admin/api/services/" + id + "/proxy/mapping_rules.json").at("/mapping_rules").size())
                .isEqualTo(2);

        assertThat(ok("import", "csv", "-d", "a", "-f", csv.toString()).out().strip())
                .isEqualTo("Created 0 services, 0 metrics, 0 methods and 0 mapping rules");
    }

    @Test
    void aBadFileIsRejectedBeforeAnythingIsCreated() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, """
                service_name,endpoint_name,endpoint_http_method,endpoint_path,auth_mode,endpoint_system_name,type
                Never,Ok,GET,/ok,api_key,ok,method
                Never,Bad,GET,/bad,api_key,bad,widget
                """);
        assertThat(fails("import", "csv", "-d", "a", "-f", csv.toString()))
                .isEqualTo(csv + ": line 3: type 'widget' (expected metric or method)");
        assertThat(a.get("/admin/api/services.json").text()).doesNotContain("\"never\"");
        Files.writeString(csv, "name,path\nx,/y\n");
        assertThat(fails("import", "csv", "-d", "a", "-f", csv.toString())).contains("the first line must be the header");
    }

    private static JsonNode find(String systemName) {
        for (JsonNode s : a.get("/admin/api/services.json").at("/services")) {
            if (s.at("/service/system_name").asText().equals(systemName)) {
                return s.get("service");
            }
        }
        throw new AssertionError("no product " + systemName);
    }
}
