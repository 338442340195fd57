package io.tollgate.meter.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.meter.engine.MeterCall;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The parameter rules of authorize and authrep, over HTTP. */
class AuthorizeParametersTest extends ApiServerSupport {
    private final FakeEngine engine = new FakeEngine();

    @BeforeEach
    void serve() throws Exception {
        start(engine);
    }

    private MeterCall callFor(String query) throws Exception {
        HttpResponse<String> response = get("/transactions/authrep.xml?" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return engine.authrepCalls.get(engine.authrepCalls.size() - 1);
    }

    @Test
    void userKeyAndAppIdTogetherIsAnAuthenticationError() throws Exception {
        assertError(get("/transactions/authrep.xml?" + AUTH + "&user_key=a&app_id=b"), 403, "authentication_error",
                "either app_id or user_key is allowed, not both");
        assertThat(engine.calls()).isEmpty();
    }

    @Test
    void userIdIsNoLongerSupportedEvenWhenEmpty() throws Exception {
        assertError(get("/transactions/authorize.xml?" + AUTH + "&user_key=a&user_id="), 400,
                "end_users_no_longer_supported", "End-users are no longer supported, do not specify the user_id parameter");
        assertThat(engine.calls()).isEmpty();
    }

    @Test
    void aServiceTokenOrProviderKeyIsRequired() throws Exception {
        assertError(get("/transactions/authrep.xml?service_id=7&user_key=a"), 403,
                "provider_key_or_service_token_required", "Provider key or service token are required");
        assertError(get("/transactions/authrep.xml?service_token=tok&user_key=a"), 422, "service_id_missing",
                "Service ID is missing");
        assertError(get("/transactions/authrep.xml?service_token=tok&service_id=%20%20&user_key=a"), 422,
                "service_id_missing", "Service ID is missing");
        assertThat(engine.calls()).isEmpty();
    }

    @Test
    void aProviderKeyAloneIsEnoughAndTheServiceIdIsOptional() throws Exception {
        MeterCall call = callFor("provider_key=pk&user_key=a");

        assertThat(call.providerKey()).isEqualTo("pk");
        assertThat(call.serviceId()).isNull();
        assertThat(call.serviceToken()).isNull();
    }

    @Test
    void credentialsAreStrippedButAnEmptyAppKeyStaysPresent() throws Exception {
        MeterCall call = callFor(AUTH.replace("service_id=7", "service_id=+7+") + "&app_id=%20app1%20&app_key=");

        assertThat(call.serviceId()).isEqualTo("7");
        assertThat(call.appId()).isEqualTo("app1");
        assertThat(call.appKey()).isEmpty();
        assertThat(callFor(AUTH + "&app_id=app1").appKey()).isNull();
        assertThat(callFor(AUTH + "&user_key=%20").userKey()).isNull();
    }

    @Test
    void usageIsParsedFromNestedParametersInOrderWithZerosDropped() throws Exception {
        MeterCall call = callFor(AUTH + "&user_key=a&usage%5Bm2%5D=3&usage[hits]=%201%20&usage[m1]=0");

        assertThat(call.usage()).containsExactly(Map.entry("m2", 3L), Map.entry("hits", 1L));
    }

    @Test
    void usageThatIsNotAMapIs403WithoutABody() throws Exception {
        for (String usage : new String[] {"usage=1", "usage[]=1"}) {
            HttpResponse<String> response = get("/transactions/authrep.xml?" + AUTH + "&user_key=a&" + usage);
            assertThat(response.statusCode()).as(usage).isEqualTo(403);
            assertThat(response.body()).as(usage).isEmpty();
        }
        assertThat(engine.calls()).isEmpty();
    }

    @Test
    void usageValuesMustBeNonNegativeIntegers() throws Exception {
        assertError(get("/transactions/authrep.xml?" + AUTH + "&user_key=a&usage[hits]=abc"), 403, "usage_value_invalid",
                "usage value \"abc\" for metric \"hits\" is invalid");
        assertError(get("/transactions/authrep.xml?" + AUTH + "&user_key=a&usage[hits]=-1"), 403, "usage_value_invalid",
                "usage value \"-1\" for metric \"hits\" is invalid");
        assertError(get("/transactions/authrep.xml?" + AUTH + "&user_key=a&usage[hits]="), 403, "usage_value_invalid",
                "usage value for metric \"hits\" can not be empty");
        assertError(get("/transactions/authrep.xml?" + AUTH + "&user_key=a&usage[hits][x]=1"), 403,
                "usage_value_invalid", "usage value for metric \"hits\" can not be empty");
        assertThat(engine.calls()).isEmpty();
    }

    @Test
    void referrerIsPassedAsSent() throws Exception {
        assertThat(callFor(AUTH + "&user_key=a&referrer=*").referrer()).isEqualTo("*");
        assertThat(callFor(AUTH + "&user_key=a&referrer=%20a.example").referrer()).isEqualTo(" a.example");
        assertThat(callFor(AUTH + "&user_key=a").referrer()).isNull();
    }

    @Test
    void malformedPercentEncodingIsABadRequest() throws Exception {
        for (String userKey : new String[] {"%zz", "a%2"}) {
            String response = rawGet("/transactions/authrep.xml?" + AUTH + "&user_key=" + userKey);
            assertThat(response).as(userKey).startsWith("HTTP/1.1 400 ")
                    .contains("Content-Type: application/vnd.3scale-v2.0+xml")
                    .endsWith("<error code=\"bad_request\">Invalid query parameters: invalid %-encoding</error>");
        }
        assertThat(engine.calls()).isEmpty();
    }

    @Test
    void invalidUtf8IsNotValidDataUnder400() throws Exception {
        assertError(get("/transactions/authrep.xml?" + AUTH + "&user_key=%FF%FE"), 400, "not_valid_data",
                "all data must be valid UTF8");
        assertThat(engine.calls()).isEmpty();
    }

    @Test
    void contradictoryNestingIsABadRequest() throws Exception {
        assertError(get("/transactions/authrep.xml?" + AUTH + "&user_key=a&usage=1&usage[hits]=1"), 400, "bad_request",
                "request contains syntax errors, should not be repeated without modification");
    }

    @Test
    void utf8ValuesArriveDecoded() throws Exception {
        assertThat(callFor(AUTH + "&user_key=a&usage[b%C3%BCcher]=2").usage()).containsEntry("bücher", 2L);
    }

    @Test
    void aLongQueryStringIsAccepted() throws Exception {
        StringBuilder query = new StringBuilder(AUTH + "&user_key=a");
        for (int i = 0; i < 500; i++) {
            query.append("&usage[metric_").append(i).append("]=1");
        }
        assertThat(query.length()).isGreaterThan(8000);

        assertThat(callFor(query.toString()).usage()).hasSize(500);
    }
}
