package io.tollgate.gateway.policy.payloadlimits;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.gateway.policy.PolicyTestBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadLimitsPolicyTest extends PolicyTestBase {

    @Test
    void aDeclaredRequestBodyOverTheLimitIs413BeforeAnythingElse() {
        load(pets().policyFirst("payload_limits", "{\"request\":10}"));

        var r = gw.send(HttpMethod.POST, HOST, "/pets", Map.of(), "01234567890"); // 11 bytes, no credentials

        assertThat(r.status()).isEqualTo(413);
        assertThat(gw.upstream.received()).isEmpty();
    }

    @Test
    void bodiesUpToTheLimitPass() {
        load(pets().policyFirst("payload_limits", "{\"request\":10,\"response\":1000}"));

        var r = gw.send(HttpMethod.POST, HOST, "/pets?user_key=good-key", Map.of(), "0123456789");

        assertThat(r.status()).isEqualTo(200);
        assertThat(gw.upstream.only().body().toString()).isEqualTo("0123456789");
    }

    @Test
    void aChunkedRequestBodyIsCutAtTheLimit() {
        load(pets().policyFirst("payload_limits", "{\"request\":10}"));
        HttpClient client = gw.vertx.createHttpClient();
        try {
            int status = client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
                    .setPort(gw.port()).setURI("/pets?user_key=good-key")).compose(req -> {
                        req.authority(HostAndPort.create(HOST, -1));
                        req.setChunked(true);
                        req.write("0123456");
                        req.write("789abcdef");
                        return req.end().compose(v -> req.response());
                    }).map(resp -> resp.statusCode()).otherwise(-1).await();

            assertThat(status).isIn(413, -1);
            assertThat(gw.upstream.received()).allSatisfy(r -> assertThat(r.body().length()).isLessThanOrEqualTo(10));
        } finally {
            client.close().await();
        }
    }

    @Test
    void aDeclaredResponseOverTheLimitBecomes413() {
        gw.upstream.answer(req -> req.response().end(Buffer.buffer(new byte[2000])));
        load(pets().policyFirst("payload_limits", "{\"response\":1000}"));

        var r = get("/pets?user_key=good-key");

        assertThat(r.status()).isEqualTo(413);
        assertThat(gw.upstream.received()).hasSize(1);
    }

    @Test
    void aStreamedResponseOverTheLimitIsCutNotTruncatedSilently() {
        gw.upstream.answer(req -> {
            var response = req.response().setChunked(true);
            response.write(Buffer.buffer(new byte[600]));
            response.end(Buffer.buffer(new byte[600]));
        });
        load(pets().policyFirst("payload_limits", "{\"response\":1000}"));

        Throwable failure = null;
        try {
            get("/pets?user_key=good-key");
        } catch (RuntimeException e) {
            failure = e;
        }

        assertThat(failure).as("the client must see the response fail").isNotNull();
    }

    @Test
    void invalidConfigurationsNameTheField() {
        assertThat(rejected(pets().policyFirst("payload_limits", "{\"request\":-1}")))
                .contains("configuration: request: -1 (expected: >= 0)");
        assertThat(rejected(pets().policyFirst("payload_limits", "{\"response\":\"big\"}")))
                .contains("response: \"big\" (expected: an integer)");
    }
}
