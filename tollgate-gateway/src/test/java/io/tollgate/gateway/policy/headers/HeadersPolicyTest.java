package io.tollgate.gateway.policy.headers;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.gateway.policy.PolicyTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadersPolicyTest extends PolicyTestBase {

    @Test
    void requestOperationsChangeWhatTheUpstreamReceives() {
        load(pets().policyFirst("headers", "{\"request\":["
                + "{\"op\":\"set\",\"header\":\"X-Set\",\"value\":\"new\"},"
                + "{\"op\":\"push\",\"header\":\"X-Push\",\"value\":\"second\"},"
                + "{\"op\":\"push\",\"header\":\"X-Created\",\"value\":\"made\"},"
                + "{\"op\":\"add\",\"header\":\"X-Add\",\"value\":\"more\"},"
                + "{\"op\":\"add\",\"header\":\"X-Absent\",\"value\":\"ignored\"},"
                + "{\"op\":\"delete\",\"header\":\"X-Secret\"},"
                + "{\"op\":\"set\",\"header\":\"X-Client\",\"value\":\"{{ remote_addr }} {{ headers.X-Name }}\","
                + "\"value_type\":\"liquid\"},"
                + "{\"op\":\"set\",\"header\":\"X-Plain\",\"value\":\"{{ remote_addr }}\"}]}"));

        var r = get("/pets?user_key=good-key", Map.of("X-Set", "old", "X-Push", "first", "X-Add", "one",
                "X-Secret", "hide", "X-Name", "rex"));

        assertThat(r.status()).isEqualTo(200);
        var received = gw.upstream.only();
        assertThat(received.headers().getAll("X-Set")).containsExactly("new");
        assertThat(received.headers().getAll("X-Push")).containsExactly("first", "second");
        assertThat(received.headers().getAll("X-Created")).containsExactly("made");
        assertThat(received.headers().getAll("X-Add")).containsExactly("one", "more");
        assertThat(received.header("X-Absent")).isNull();
        assertThat(received.header("X-Secret")).isNull();
        assertThat(received.header("X-Client")).isEqualTo("127.0.0.1 rex");
        assertThat(received.header("X-Plain")).isEqualTo("{{ remote_addr }}");
    }

    @Test
    void setWithAnEmptyValueDeletesAndSettingHostChoosesTheUpstreamHost() {
        load(pets().policyFirst("headers", "{\"request\":["
                + "{\"op\":\"set\",\"header\":\"X-Gone\",\"value\":\"\"},"
                + "{\"op\":\"set\",\"header\":\"Host\",\"value\":\"internal.pets\"}]}"));

        get("/pets?user_key=good-key", Map.of("X-Gone", "x"));

        assertThat(gw.upstream.only().header("X-Gone")).isNull();
        assertThat(gw.upstream.only().header("Host")).isEqualTo("internal.pets");
    }

    @Test
    void aHeaderSetBeforeApicastCarriesTheCredentials() {
        load(pets().proxy("credentials_location", "headers").policyFirst("headers",
                "{\"request\":[{\"op\":\"set\",\"header\":\"user_key\",\"value\":\"good-key\"}]}"));

        assertThat(get("/pets").status()).isEqualTo(200);
    }

    @Test
    void responseOperationsApplyToUpstreamAndGatewayResponses() {
        gw.upstream.answer(req -> req.response().putHeader("X-Upstream", "u").putHeader("Server", "internal")
                .end("ok"));
        load(pets().policyLast("headers", "{\"response\":["
                + "{\"op\":\"set\",\"header\":\"X-Api\",\"value\":\"pets\"},"
                + "{\"op\":\"add\",\"header\":\"X-Upstream\",\"value\":\"g\"},"
                + "{\"op\":\"delete\",\"header\":\"Server\"},"
                + "{\"op\":\"set\",\"header\":\"X-Path\",\"value\":\"{{ uri }}\",\"value_type\":\"liquid\"}]}"));

        var ok = get("/pets?user_key=good-key");
        var refused = get("/pets"); // the gateway's own auth_missing response

        assertThat(ok.header("X-Api")).isEqualTo("pets");
        assertThat(ok.headers().getAll("X-Upstream")).containsExactly("u", "g");
        assertThat(ok.header("Server")).isNull();
        assertThat(ok.header("X-Path")).isEqualTo("/pets");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("X-Api")).isEqualTo("pets");
    }

    @Test
    void aRenderedValueCannotSplitTheHeaderBlock() {
        load(pets().policyFirst("headers", "{\"request\":[{\"op\":\"set\",\"header\":\"X-Echo\","
                + "\"value\":\"{{ query_args.v }}\",\"value_type\":\"liquid\"}]}"));

        get("/pets?user_key=good-key&v=a%0D%0AX-Injected:%20yes");

        assertThat(gw.upstream.only().header("X-Injected")).isNull();
        assertThat(gw.upstream.only().header("X-Echo")).isEqualTo("a  X-Injected: yes");
    }

    @Test
    void invalidConfigurationsNameTheField() {
        assertThat(rejected(pets().policyFirst("headers", "{\"request\":[{\"op\":\"replace\",\"header\":\"X\"}]}")))
                .contains("configuration: request[0].op: \"replace\" (expected: one of set, add, push, delete)");
        assertThat(rejected(pets().policyFirst("headers", "{\"response\":[{\"op\":\"set\"}]}")))
                .contains("response[0].header: missing");
        assertThat(rejected(pets().policyFirst("headers",
                "{\"request\":[{\"op\":\"set\",\"header\":\"Content-Length\",\"value\":\"1\"}]}")))
                .contains("request[0].header: \"Content-Length\"");
        assertThat(rejected(pets().policyFirst("headers", "{\"request\":[{\"op\":\"set\",\"header\":\"X\","
                + "\"value\":\"{{ nope | shout }}\",\"value_type\":\"liquid\"}]}"))).contains("request[0].value:");
        assertThat(rejected(pets().policyFirst("headers", "{\"request\":[{\"op\":\"delete\",\"header\":\"Host\"}]}")))
                .contains("request[0].op: \"delete\" on Host");
    }
}
