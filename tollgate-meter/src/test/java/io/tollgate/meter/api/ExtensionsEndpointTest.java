package io.tollgate.meter.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.meter.Period;
import io.tollgate.meter.engine.MeterErrorCode;
import io.tollgate.meter.engine.MeterException;
import io.tollgate.meter.engine.Rejection;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code 3scale-options} extensions. */
class ExtensionsEndpointTest extends ApiServerSupport {
    private static final String OPTIONS = "3scale-options";
    private static final String AUTHREP = "/transactions/authrep.xml?" + AUTH + "&app_id=app1&usage[hits]=1";
    private final FakeEngine engine = new FakeEngine();

    @BeforeEach
    void serve() throws Exception {
        start(engine);
    }

    @Test
    void noBodyLeavesEveryResponseEmptyButKeepsTheStatus() throws Exception {
        HttpResponse<String> ok = get(AUTHREP, OPTIONS, "no_body=1");
        engine.answer(Fixtures.rejected(Rejection.APPLICATION_NOT_ACTIVE, "application is not active"));
        HttpResponse<String> denied = get(AUTHREP, OPTIONS, "no_body=1");
        engine.fail(new MeterException(MeterErrorCode.APPLICATION_NOT_FOUND, "application with id=\"x\" was not found"));
        HttpResponse<String> error = get(AUTHREP, OPTIONS, "no_body=1");

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(denied.statusCode()).isEqualTo(409);
        assertThat(error.statusCode()).isEqualTo(404);
        for (HttpResponse<String> response : java.util.List.of(ok, denied, error)) {
            assertThat(response.body()).isEmpty();
            assertThat(response.headers().firstValue("Content-Type")).hasValue(XML);
        }
    }

    @Test
    void theDeprecatedNoBodyParameterWorksForAnyValueButZeroAndFalse() throws Exception {
        assertThat(get(AUTHREP + "&no_body=true").body()).isEmpty();
        assertThat(get(AUTHREP + "&no_body=").body()).isEmpty();
        assertThat(get(AUTHREP + "&no_body=0").body()).startsWith("<?xml");
        assertThat(get(AUTHREP + "&no_body=false").body()).startsWith("<?xml");
        assertThat(get(AUTHREP, OPTIONS, "no_body=0").body()).startsWith("<?xml");
    }

    @Test
    void rejectionReasonHeaderCarriesTheCodeOnlyOnRejections() throws Exception {
        HttpResponse<String> ok = get(AUTHREP, OPTIONS, "rejection_reason_header=1");
        engine.answer(Fixtures.rejected(Rejection.LIMITS_EXCEEDED, "usage limits are exceeded"));
        HttpResponse<String> denied = get(AUTHREP, OPTIONS, "rejection_reason_header=1&no_body=1");
        HttpResponse<String> notAsked = get(AUTHREP);

        assertThat(ok.headers().firstValue("3scale-rejection-reason")).isEmpty();
        assertThat(denied.headers().firstValue("3scale-rejection-reason")).hasValue("limits_exceeded");
        assertThat(notAsked.headers().firstValue("3scale-rejection-reason")).isEmpty();
    }

    @Test
    void limitHeadersDescribeTheMostConstrainedReport() throws Exception {
        engine.answer(Fixtures.authorized(Fixtures.minuteHits(2, 1), Fixtures.report("hits", Period.DAY, 100, 1)));

        HttpResponse<String> response = get(AUTHREP, OPTIONS, "limit_headers=1");

        assertThat(response.headers().firstValue("3scale-limit-remaining")).hasValue("1");
        assertThat(response.headers().firstValue("3scale-limit-reset")).hasValue("30"); // 29.5 s, rounded up
        assertThat(response.headers().firstValue("3scale-limit-max-value")).hasValue("2");
    }

    @Test
    void limitHeadersAreSentOnLimitRejectionsButNotOnOtherRejections() throws Exception {
        engine.answer(Fixtures.rejected(Rejection.LIMITS_EXCEEDED, "usage limits are exceeded", Fixtures.minuteHits(2, 2)));
        HttpResponse<String> limited = get(AUTHREP, OPTIONS, "limit_headers=1");
        engine.answer(Fixtures.rejected(Rejection.APPLICATION_KEY_INVALID, "application key \"x\" is invalid",
                Fixtures.minuteHits(2, 2)));
        HttpResponse<String> wrongKey = get(AUTHREP, OPTIONS, "limit_headers=1");

        assertThat(limited.headers().firstValue("3scale-limit-remaining")).hasValue("0");
        assertThat(limited.headers().firstValue("3scale-limit-reset")).hasValue("30");
        assertThat(wrongKey.headers().firstValue("3scale-limit-remaining")).isEmpty();
    }

    @Test
    void limitHeadersWithoutUsageOrLimitsAreUnconstrained() throws Exception {
        engine.answer(Fixtures.authorized());

        HttpResponse<String> response = get("/transactions/authorize.xml?" + AUTH + "&app_id=app1", OPTIONS,
                "limit_headers=1");

        assertThat(response.headers().firstValue("3scale-limit-remaining")).hasValue("-1");
        assertThat(response.headers().firstValue("3scale-limit-reset")).hasValue("-1");
        assertThat(response.headers().firstValue("3scale-limit-max-value")).isEmpty();
    }

    @Test
    void hierarchyAndAppKeysFollowTheReportsInApisonatorsOrder() throws Exception {
        engine.answer(Fixtures.authorized(Fixtures.minuteHits(2, 1), Fixtures.report("m1", Period.ETERNITY, 5, 0)));

        HttpResponse<String> response = get(AUTHREP, OPTIONS, "hierarchy=1&list_app_keys=1");

        assertThat(response.body()).endsWith("<current_value>0</current_value></usage_report></usage_reports>"
                + "<app_keys app=\"app1\" svc=\"7\"><key id=\"k1\"/><key id=\"k2\"/></app_keys>"
                + "<hierarchy><metric name=\"hits\" children=\"m1 m2\"/><metric name=\"m1\" children=\"\"/></hierarchy>"
                + "</status>");
    }

    @Test
    void flatUsageReachesTheEngine() throws Exception {
        get(AUTHREP, OPTIONS, "flat_usage=1");
        get(AUTHREP, OPTIONS, "flat_usage=0");
        get(AUTHREP);

        assertThat(engine.authrepCalls).extracting(c -> c.flatUsage()).containsExactly(true, false, false);
    }

    @Test
    void aMalformedOptionsHeaderIsABadRequest() throws Exception {
        assertError(get(AUTHREP, OPTIONS, "no_body=%zz"), 400, "bad_request",
                "Invalid query parameters: invalid %-encoding");
    }
}
