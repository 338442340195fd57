package io.tollgate.meter.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request size limits of {@link MeterServer}, with small caps so that tests stay quick. */
class RequestLimitsTest extends ApiServerSupport {
    private static final int MAX_BODY = 1000;
    private final FakeEngine engine = new FakeEngine();

    @BeforeEach
    void serve() throws Exception {
        start(engine, new MeterServer.Options("127.0.0.1", 0, 2048, 2048, MAX_BODY));
    }

    @Test
    void aDeclaredBodyOverTheCapIsRefusedAndTheConnectionClosed() throws Exception {
        String response = raw("POST /transactions.xml HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n\r\n" + "a".repeat(1200));

        assertThat(response).startsWith("HTTP/1.1 400 ")
                .endsWith("<error code=\"bad_request\">payload too large: the request body exceeds 1000 bytes</error>");
        assertThat(engine.reportCalls).isEmpty();
    }

    @Test
    void aChunkedBodyOverTheCapIsRefused() throws Exception {
        StringBuilder request = new StringBuilder("POST /transactions.xml HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < 6; i++) {
            request.append("c8\r\n").append("a".repeat(200)).append("\r\n");
        }
        request.append("0\r\n\r\n");

        String response = raw(request.toString());

        assertThat(response).startsWith("HTTP/1.1 400 ").contains("payload too large");
        assertThat(engine.reportCalls).isEmpty();
    }

    @Test
    void aBodyAtTheCapIsAccepted() throws Exception {
        String prefix = AUTH + "&transactions[0][usage][hits]=1&transactions[0][app_id]=";
        String body = prefix + "a".repeat(MAX_BODY - prefix.length());

        HttpResponse<String> response = post("/transactions.xml", "application/x-www-form-urlencoded", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(engine.reportCalls.get(0).transactions().get(0).appId()).hasSize(MAX_BODY - prefix.length());
    }

    @Test
    void aRequestLineOverTheCapIs414() throws Exception {
        String response = rawGet("/transactions/authrep.xml?" + AUTH + "&user_key=" + "k".repeat(3000));

        assertThat(response).containsPattern("^HTTP/1\\.[01] 414 "); // the request line is unreadable, so no version to echo
        assertThat(engine.calls()).isEmpty();
    }

    @Test
    void headersOverTheCapAre431() throws Exception {
        String response = raw("GET /transactions/authrep.xml?" + AUTH + "&user_key=k HTTP/1.1\r\nHost: x\r\n"
                + "X-Padding: " + "p".repeat(3000) + "\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 431 ");
        assertThat(engine.calls()).isEmpty();
    }
}
