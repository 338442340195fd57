package io.tollgate.meter.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.meter.Period;
import io.tollgate.meter.engine.MeterCall;
import io.tollgate.meter.engine.MeterErrorCode;
import io.tollgate.meter.engine.MeterException;
import io.tollgate.meter.engine.Rejection;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuthorizeEndpointTest extends ApiServerSupport {
    private final FakeEngine engine = new FakeEngine();

    @BeforeEach
    void serve() throws Exception {
        start(engine);
    }

    @Test
    void authorizedResponseIsTheWireDocExampleByteForByte() throws Exception {
        HttpResponse<String> response = get("/transactions/authorize.xml?" + AUTH + "&user_key=abc&usage%5Bhits%5D=1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(XML);
        assertThat(response.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><status>"
                + "<authorized>true</authorized><plan>Basic</plan><usage_reports>"
                + "<usage_report metric=\"hits\" period=\"minute\"><period_start>2020-01-06 14:52:00 +0000</period_start>"
                + "<period_end>2020-01-06 14:53:00 +0000</period_end><max_value>2</max_value>"
                + "<current_value>1</current_value></usage_report></usage_reports></status>");
        MeterCall call = engine.authorizeCalls.get(0);
        assertThat(call.serviceToken()).isEqualTo("tok");
        assertThat(call.serviceId()).isEqualTo("7");
        assertThat(call.userKey()).isEqualTo("abc");
        assertThat(call.usage()).containsExactly(Map.entry("hits", 1L));
        assertThat(call.oauth()).isFalse();
        assertThat(engine.authrepCalls).isEmpty();
    }

    @Test
    void deniedResponseIs409WithTheReasonFirstAndTheExceededReport() throws Exception {
        engine.answer(Fixtures.rejected(Rejection.LIMITS_EXCEEDED, "usage limits are exceeded",
                Fixtures.minuteHits(2, 3), Fixtures.report("hits", Period.ETERNITY, 100, 3)));

        HttpResponse<String> response = get("/transactions/authrep.xml?" + AUTH + "&app_id=app1&app_key=k1");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(XML);
        assertThat(response.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><status>"
                + "<authorized>false</authorized><reason>usage limits are exceeded</reason><plan>Basic</plan>"
                + "<usage_reports><usage_report metric=\"hits\" period=\"minute\" exceeded=\"true\">"
                + "<period_start>2020-01-06 14:52:00 +0000</period_start><period_end>2020-01-06 14:53:00 +0000</period_end>"
                + "<max_value>2</max_value><current_value>3</current_value></usage_report>"
                + "<usage_report metric=\"hits\" period=\"eternity\"><max_value>100</max_value>"
                + "<current_value>3</current_value></usage_report></usage_reports></status>");
        assertThat(engine.authrepCalls).singleElement().satisfies(call -> {
            assertThat(call.appId()).isEqualTo("app1");
            assertThat(call.appKey()).isEqualTo("k1");
        });
        assertThat(response.headers().firstValue("3scale-rejection-reason")).isEmpty();
    }

    @Test
    void errorResponseIsTheWireDocExampleByteForByte() throws Exception {
        engine.fail(new MeterException(MeterErrorCode.USER_KEY_INVALID, "user key \"abc\" is invalid"));

        HttpResponse<String> response = get("/transactions/authrep.xml?" + AUTH + "&user_key=abc");

        assertError(response, 403, "user_key_invalid", "user key \"abc\" is invalid");
    }

    @ParameterizedTest
    @EnumSource(MeterErrorCode.class)
    void everyErrorCodeIsAnsweredWithItsStatus(MeterErrorCode code) throws Exception {
        engine.fail(new MeterException(code, "refused <because> & so"));

        HttpResponse<String> response = get("/transactions/authorize.xml?" + AUTH + "&user_key=abc");

        assertError(response, code.status(), code.code(), "refused &lt;because&gt; &amp; so");
    }

    @Test
    void storeUnavailableIs503() throws Exception {
        engine.fail(new MeterException(MeterErrorCode.STORE_UNAVAILABLE, "the counter store is unavailable"));

        assertThat(get("/transactions/authrep.xml?" + AUTH + "&user_key=abc").statusCode()).isEqualTo(503);
    }

    @Test
    void anEngineThatThrowsInsteadOfFailingTheStageStillGetsAnAnswer() throws Exception {
        engine.answer = call -> {
            throw new MeterException(MeterErrorCode.METRIC_INVALID, "metric \"nope\" is invalid");
        };

        assertError(get("/transactions/authrep.xml?" + AUTH + "&user_key=abc&usage[nope]=1"), 404, "metric_invalid",
                "metric \"nope\" is invalid");
    }

    @Test
    void anUnexpectedFailureIs500WithoutABody() throws Exception {
        engine.answer = call -> CompletableFuture.failedFuture(new IllegalStateException("boom"));

        HttpResponse<String> response = get("/transactions/authrep.xml?" + AUTH + "&user_key=abc");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void oauthAuthorizeAddsTheApplicationAfterTheReasonAndBeforeThePlan() throws Exception {
        engine.answer(Fixtures.rejected(Rejection.REDIRECT_URI_INVALID, "redirect_url \"x\" is invalid"));

        HttpResponse<String> response = get("/transactions/oauth_authorize.xml?" + AUTH + "&app_id=app1&redirect_url=x");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><status>"
                + "<authorized>false</authorized><reason>redirect_url \"x\" is invalid</reason>"
                + "<application><id>app1</id><key>k1</key><redirect_url>https://app.example/cb</redirect_url></application>"
                + "<plan>Basic</plan></status>");
        MeterCall call = engine.authorizeCalls.get(0);
        assertThat(call.oauth()).isTrue();
        assertThat(call.redirectUrl()).isEqualTo("x");
    }

    @Test
    void oauthAuthrepNamesTheFieldRedirectUriWhenTheRequestDid() throws Exception {
        HttpResponse<String> response = get("/transactions/oauth_authrep.xml?" + AUTH
                + "&app_id=app1&redirect_uri=https%3A%2F%2Fapp.example%2Fcb");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<authorized>true</authorized><application><id>app1</id><key>k1</key>"
                + "<redirect_uri>https://app.example/cb</redirect_uri></application><plan>Basic</plan>");
        assertThat(engine.authrepCalls.get(0).redirectUrl()).isEqualTo("https://app.example/cb");
        assertThat(engine.authrepCalls.get(0).oauth()).isTrue();
        assertThat(engine.authrepCalls.get(0).redirectUri()).isTrue();
    }

    @Test
    void redirectUrlWinsOverRedirectUri() throws Exception {
        HttpResponse<String> response = get("/transactions/oauth_authorize.xml?" + AUTH
                + "&app_id=app1&redirect_uri=b&redirect_url=a");

        assertThat(response.body()).contains("<redirect_url>https://app.example/cb</redirect_url>");
        assertThat(engine.authorizeCalls.get(0).redirectUrl()).isEqualTo("a");
        assertThat(engine.authorizeCalls.get(0).redirectUri()).isFalse();
    }

    @Test
    void http2ClientsGetTheSameAnswer() throws Exception {
        HttpResponse<String> response = getHttp2("/transactions/authorize.xml?" + AUTH + "&user_key=abc");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><status><authorized>true");
    }

    @Test
    void getWithABodyIsRefusedWith403() throws Exception {
        HttpResponse<String> response = send(request("/transactions/authrep.xml?" + AUTH + "&user_key=abc")
                .method("GET", java.net.http.HttpRequest.BodyPublishers.ofString("usage[hits]=1"))
                .header("Content-Type", "application/x-www-form-urlencoded").build());

        assertError(response, 403, ServiceManagementApi.BODY_NOT_ALLOWED,
                "a GET request must not carry a body: send the parameters in the query string");
        assertThat(engine.calls()).isEmpty();
    }

    @Test
    void getWithAChunkedBodyIsRefusedWith403() throws Exception {
        String response = raw("GET /transactions/authrep.xml?" + AUTH + "&user_key=abc HTTP/1.1\r\nHost: x\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 403 ").contains("code=\"request_body_not_allowed\"");
        assertThat(engine.calls()).isEmpty();
    }

    @Test
    void unknownPathsAndMethodsAre404WithoutABody() throws Exception {
        HttpResponse<String> unknown = get("/transactions/nope.xml?" + AUTH);
        HttpResponse<String> wrongMethod = post("/transactions/authrep.xml?" + AUTH, null, "");

        for (HttpResponse<String> response : java.util.List.of(unknown, wrongMethod)) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).isEmpty();
            assertThat(response.headers().firstValue("Content-Type")).hasValue(XML);
        }
    }

    @Test
    void statusAndCheckAnswerHealthProbes() throws Exception {
        HttpResponse<String> status = get("/status");
        HttpResponse<String> check = get("/check.txt");

        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(status.body()).isEqualTo("{\"status\":\"ok\",\"version\":{\"backend\":\"1.2.3\"}}");
        assertThat(check.statusCode()).isEqualTo(200);
        assertThat(check.body()).isEqualTo("ok");
    }
}
