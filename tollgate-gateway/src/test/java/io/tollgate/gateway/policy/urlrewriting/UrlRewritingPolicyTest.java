package io.tollgate.gateway.policy.urlrewriting;

import static io.tollgate.gateway.testing.ProductJson.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.gateway.config.ConfigException;
import io.tollgate.gateway.policy.PolicyTestBase;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class UrlRewritingPolicyTest extends PolicyTestBase {

    @Test
    void beforeApicastTheRulesMatchTheRewrittenPathAndTheUpstreamGetsIt() {
        load(product(7, HOST).apiBackend(gw.upstream.url()).rule("GET", "/v2/pets$", "hits")
                .policyFirst("url_rewriting", "{\"commands\":[{\"op\":\"sub\",\"regex\":\"^/v1/\","
                        + "\"replace\":\"/v2/\"}]}"));

        var r = get("/v1/pets?user_key=good-key");

        assertThat(r.status()).isEqualTo(200);
        assertThat(gw.upstream.only().uri()).isEqualTo("/v2/pets?user_key=good-key");
    }

    @Test
    void afterApicastTheRulesMatchTheOriginalPath() {
        load(product(7, HOST).apiBackend(gw.upstream.url()).rule("GET", "/v1/pets$", "hits")
                .policyLast("url_rewriting", "{\"commands\":[{\"op\":\"sub\",\"regex\":\"^/v1/\","
                        + "\"replace\":\"/internal/\"}]}"));

        assertThat(get("/v1/pets?user_key=good-key").status()).isEqualTo(200);
        assertThat(gw.upstream.only().path()).isEqualTo("/internal/pets");
    }

    @Test
    void gsubCapturesBreakAndMethods() {
        load(pets().policyFirst("url_rewriting", "{\"commands\":["
                + "{\"op\":\"gsub\",\"regex\":\"-\",\"replace\":\"_\",\"methods\":[\"POST\"]},"
                + "{\"op\":\"sub\",\"regex\":\"^/users/(\\\\d+)/(\\\\w+)\",\"replace\":\"/$2/${1}\",\"break\":true},"
                + "{\"op\":\"sub\",\"regex\":\"^/\",\"replace\":\"/never/\"}]}"));

        get("/users/42/pet-list?user_key=good-key");

        assertThat(gw.upstream.only().path()).isEqualTo("/pet/42-list");
    }

    @Test
    void queryArgsCommandsEditTheQueryBeforeTheCredentialsAreRead() {
        load(pets().policyFirst("url_rewriting", "{\"query_args_commands\":["
                + "{\"op\":\"set\",\"arg\":\"user_key\",\"value\":\"good-key\"},"
                + "{\"op\":\"push\",\"arg\":\"tag\",\"value\":\"b c\"},"
                + "{\"op\":\"add\",\"arg\":\"absent\",\"value\":\"x\"},"
                + "{\"op\":\"delete\",\"arg\":\"secret\"},"
                + "{\"op\":\"set\",\"arg\":\"from\",\"value\":\"{{ headers.X-From }}\",\"value_type\":\"liquid\"}]}"));

        var r = get("/pets?tag=a&secret=s&user_key=wrong", Map.of("X-From", "web"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(gw.upstream.only().query()).isEqualTo("tag=a&user_key=good-key&tag=b+c&from=web");
    }

    @Test
    void aRewriteCannotMoveTheQueryStartOrDropTheLeadingSlash() {
        load(pets().policyFirst("url_rewriting", "{\"commands\":[{\"op\":\"sub\",\"regex\":\"^/pets\","
                + "\"replace\":\"cats?admin=1#\"}]}"));

        get("/pets?user_key=good-key");

        assertThat(gw.upstream.only().path()).isEqualTo("/cats%3Fadmin=1%23");
        assertThat(gw.upstream.only().query()).isEqualTo("user_key=good-key");
    }

    @Test
    void commandsRewriteAsOpenRestyDoes() {
        RewriteCommand gsub = command("gsub", "a", "[$0]", "i");
        assertThat(gsub.apply("/bAnana")).isEqualTo("/b[A]n[a]n[a]");
        assertThat(command("sub", "x", "y", "").apply("/abc")).isNull();
        assertThat(command("gsub", "(?=b)", "-", "").apply("/abab")).isEqualTo("/a-ba-b");
        assertThat(command("sub", "b", "$$1", "").apply("/abc")).isEqualTo("/a$1c");
        assertThat(command("sub", "b", "x", "a").apply("/abc")).isNull(); // anchored: must match at the start
        assertThat(UrlRewritingPolicy.safePath("a b")).isEqualTo("/a%20b");
        assertThat(UrlRewritingPolicy.safePath("/caf\u00e9/\uD83D\uDC3E")).isEqualTo("/caf%C3%A9/%F0%9F%90%BE");
    }

    private static RewriteCommand command(String op, String regex, String replace, String options) {
        return RewriteCommand.parse(io.tollgate.gateway.config.JsonFields.of(io.tollgate.gateway.testing.ProductJson.JSON
                .createObjectNode().put("op", op).put("regex", regex).put("replace", replace).put("options", options),
                "commands[0]"));
    }

    @Test
    void replacementsReferToExistingGroupsOnly() {
        assertThatThrownBy(() -> Replacement.compile("$2", Pattern.compile("(a)").matcher("").groupCount()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("refers to group 2 (expected: at most 1");
        assertThatThrownBy(() -> Replacement.compile("$x", 0)).hasMessageContaining("expected: $ followed by");
    }

    @Test
    void invalidConfigurationsNameTheField() {
        assertThat(rejected(pets().policyFirst("url_rewriting", "{\"commands\":[{\"op\":\"sub\",\"regex\":\"(\","
                + "\"replace\":\"/\"}]}"))).contains("configuration: commands[0].regex: \"(\"");
        assertThat(rejected(pets().policyFirst("url_rewriting", "{\"commands\":[{\"op\":\"sub\",\"regex\":\"a\","
                + "\"replace\":\"/\",\"options\":\"q\"}]}"))).contains("commands[0].options: \"q\" has 'q'");
        assertThat(rejected(pets().policyFirst("url_rewriting", "{\"commands\":[{\"op\":\"sub\",\"regex\":\"a\"}]}")))
                .contains("commands[0].replace: missing");
        assertThat(rejected(pets().policyFirst("url_rewriting",
                "{\"query_args_commands\":[{\"op\":\"set\",\"arg\":\"a\"}]}"))).contains("query_args_commands[0].value: missing");
        assertThat(rejected(pets().policyFirst("url_rewriting", "{\"commands\":[{\"op\":\"sub\",\"regex\":\"a\","
                + "\"replace\":\"/\",\"methods\":[\"BREW\"]}]}"))).contains("commands[0].methods[0]: \"BREW\"");
    }

    @Test
    void postIsRewrittenByAPostOnlyCommand() {
        load(pets().policyFirst("url_rewriting", "{\"commands\":[{\"op\":\"gsub\",\"regex\":\"-\","
                + "\"replace\":\"_\",\"methods\":[\"POST\"]}]}"));

        gw.send(HttpMethod.POST, HOST, "/pet-list?user_key=good-key", Map.of(), "{}");

        assertThat(gw.upstream.only().path()).isEqualTo("/pet_list");
    }
}
