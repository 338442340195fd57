package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code tollgate connected-app create|list|delete} against a real control plane. */
class ConnectedAppCommandsTest extends CliTest {
    @Test
    void createsAnAppShowingItsSecretOnceListsItWithoutAndDeletesIt() {
        String name = unique("renewal");

        Result created = ok("connected-app", "create", "a", "--name=" + name);

        String[] lines = created.out().split("\\R");
        assertThat(lines[0]).startsWith("Connected app " + name + " (id ").endsWith("created. Keep the secret now: it "
                + "is not shown again.");
        assertThat(lines[1]).startsWith("client id:     tg-");
        String clientId = lines[1].substring("client id:     ".length());
        String secret = lines[2].substring("client secret: ".length());
        assertThat(secret).hasSizeGreaterThan(20);

        String listed = ok("connected-app", "list", "a").out();
        assertThat(listed.lines().findFirst().orElseThrow().split("\\s+")).containsExactly("ID", "NAME", "CLIENT_ID",
                "SCOPES", "CREATED_AT");
        assertThat(listed.lines().filter(l -> l.contains(clientId)).findFirst().orElseThrow())
                .contains("read_servers,manage_servers,view_organization");
        assertThat(listed).doesNotContain(secret);
        JsonNode json = ok("connected-app", "list", "a", "-o", "json").json();
        assertThat(json.toString()).contains(clientId).doesNotContain(secret);
        assertThat(ok("connected-app", "list", "b").out()).as("another tenant's").doesNotContain(clientId);
        assertThat(fails("connected-app", "delete", "b", clientId)).isEqualTo("connected app '" + clientId
                + "' not found on b");

        assertThat(ok("connected-app", "delete", "a", clientId).out()).isEqualTo("Connected app " + clientId
                + " deleted" + System.lineSeparator());
        assertThat(ok("connected-app", "list", "a").out()).doesNotContain(clientId);
    }

    @Test
    void aScopeListIsCheckedByTheServer() {
        Result one = ok("connected-app", "create", "a", "--name=" + unique("reader"), "--scopes=read_servers", "-o",
                "json");
        assertThat(one.json().path("scopes").toString()).isEqualTo("[\"read_servers\"]");
        assertThat(fails("connected-app", "create", "a", "--name=" + unique("bad"), "--scopes=everything"))
                .contains("HTTP 422").contains("scopes");
        assertThat(ok("connected-app", "--help").out()).contains("create").contains("list").contains("delete");
    }
}
