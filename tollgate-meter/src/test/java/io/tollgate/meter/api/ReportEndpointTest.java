package io.tollgate.meter.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.meter.engine.MeterErrorCode;
import io.tollgate.meter.engine.MeterException;
import io.tollgate.meter.engine.ReportCall;
import io.tollgate.meter.engine.Transaction;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /transactions.xml}. */
class ReportEndpointTest extends ApiServerSupport {
    private static final String FORM = "application/x-www-form-urlencoded";
    private final FakeEngine engine = new FakeEngine();

    @BeforeEach
    void serve() throws Exception {
        start(engine);
    }

    @Test
    void aReportIsAcceptedWith202AndAnEmptyBody() throws Exception {
        HttpResponse<String> response = post("/transactions.xml", FORM, AUTH
                + "&transactions[0][app_id]=app1&transactions[0][usage][hits]=2&transactions[0][log][code]=200"
                + "&transactions[1][user_key]=uk&transactions[1][usage][m1]=1"
                + "&transactions[1][timestamp]=2020-01-06+14%3A52%3A10+-01%3A00");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("Content-Type")).hasValue(XML);
        ReportCall call = engine.reportCalls.get(0);
        assertThat(call.serviceToken()).isEqualTo("tok");
        assertThat(call.serviceId()).isEqualTo("7");
        assertThat(call.transactions()).containsExactly(
                new Transaction("app1", null, Map.of("hits", 2L), null),
                new Transaction(null, "uk", Map.of("m1", 1L), Instant.parse("2020-01-06T15:52:10Z")));
    }

    @Test
    void parametersMayComeFromTheQueryAndTheBodyWins() throws Exception {
        HttpResponse<String> response = post("/transactions.xml?service_token=query&service_id=7", FORM,
                "service_token=body&transactions[0][app_id]=a&transactions[0][usage][hits]=1");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(engine.reportCalls.get(0).serviceToken()).isEqualTo("body");
        assertThat(engine.reportCalls.get(0).serviceId()).isEqualTo("7");
    }

    @Test
    void contentTypesOtherThanFormsAreRefused() throws Exception {
        assertError(post("/transactions.xml", "application/json", "{}"), 400, "content_type_invalid",
                "invalid Content-Type: application/json");
        assertError(post("/transactions.xml", "Text/XML; charset=utf-8", "<x/>"), 400, "content_type_invalid",
                "invalid Content-Type: text/xml");
        assertThat(engine.reportCalls).isEmpty();
    }

    @Test
    void formsWithParametersOrNoContentTypeAtAllAreAccepted() throws Exception {
        String body = AUTH + "&transactions[0][app_id]=a&transactions[0][usage][hits]=1";
        assertThat(post("/transactions.xml", "application/x-www-form-urlencoded; charset=UTF-8", body).statusCode())
                .isEqualTo(202);
        assertThat(post("/transactions.xml", null, body).statusCode()).isEqualTo(202);
        assertThat(engine.reportCalls).hasSize(2);
    }

    @Test
    void multipartFormsAreAccepted() throws Exception {
        String boundary = "XyZ";
        StringBuilder body = new StringBuilder();
        for (String[] field : new String[][] {{"service_token", "tok"}, {"service_id", "7"},
                {"transactions[0][app_id]", "app1"}, {"transactions[0][usage][hits]", "5"}}) {
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(field[0])
                    .append("\"\r\n\r\n").append(field[1]).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");

        HttpResponse<String> response = post("/transactions.xml", "multipart/form-data; boundary=" + boundary,
                body.toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(engine.reportCalls.get(0).transactions())
                .containsExactly(new Transaction("app1", null, Map.of("hits", 5L), null));
    }

    @Test
    void aThousandTransactionsAreAcceptedAndOneMoreIsRefused() throws Exception {
        assertThat(post("/transactions.xml", FORM, transactions(1000)).statusCode()).isEqualTo(202);
        assertThat(engine.reportCalls.get(0).transactions()).hasSize(1000);

        assertError(post("/transactions.xml", FORM, transactions(1001)), 400, "bad_request",
                "a report carries at most 1000 transactions, this one has 1001");
        assertThat(engine.reportCalls).hasSize(1);
    }

    private static String transactions(int count) {
        StringBuilder body = new StringBuilder(AUTH);
        for (int i = 0; i < count; i++) {
            body.append("&transactions[").append(i).append("][app_id]=app").append(i)
                    .append("&transactions[").append(i).append("][usage][hits]=1");
        }
        return body.toString();
    }

    @Test
    void transactionsMustBeAMapOfTransactions() throws Exception {
        assertError(post("/transactions.xml", FORM, AUTH), 400, "transactions_is_blank",
                "transactions parameter is blank");
        assertError(post("/transactions.xml", FORM, AUTH + "&transactions="), 400, "transactions_is_blank",
                "transactions parameter is blank");
        assertError(post("/transactions.xml", FORM, AUTH + "&transactions=x"), 400, "transactions_format_invalid",
                "transactions format is invalid");
        assertError(post("/transactions.xml", FORM, AUTH + "&transactions[][app_id]=a"), 400,
                "transactions_format_invalid", "transactions format is invalid");
        assertError(post("/transactions.xml", FORM, AUTH + "&transactions[0]&transactions[1][app_id]=a"), 400,
                "transactions_has_nil_transaction", "transactions has a nil transaction");
        assertError(post("/transactions.xml", FORM, AUTH + "&transactions[0][app_id]=a&transactions[0][user_id]=u"),
                400, "end_users_no_longer_supported",
                "End-users are no longer supported, do not specify the user_id parameter");
        assertError(post("/transactions.xml", FORM, AUTH + "&transactions[0][app_id]=a&transactions[0][usage]=1"), 400,
                "transactions_format_invalid", "transactions format is invalid");
        assertThat(engine.reportCalls).isEmpty();
    }

    @Test
    void serviceCredentialsAreCheckedBeforeTheTransactions() throws Exception {
        assertError(post("/transactions.xml", FORM, "transactions=x"), 403, "provider_key_or_service_token_required",
                "Provider key or service token are required");
        assertError(post("/transactions.xml", FORM, "service_token=t&transactions=x"), 422, "service_id_missing",
                "Service ID is missing");
    }

    @Test
    void engineRefusalsAreErrors() throws Exception {
        engine.fail(new MeterException(MeterErrorCode.TRANSACTION_TIMESTAMP_TOO_OLD,
                "reporting transactions older than 86400 seconds is not allowed"));

        assertError(post("/transactions.xml", FORM, AUTH + "&transactions[0][app_id]=a&transactions[0][timestamp]=1"),
                403, "transaction_timestamp_too_old", "reporting transactions older than 86400 seconds is not allowed");
        assertThat(engine.reportCalls.get(0).transactions().get(0).timestamp()).isEqualTo(Instant.ofEpochSecond(1));
    }

    @Test
    void aMultipartBodyWithoutBoundaryIsIgnoredAsRackDoes() throws Exception {
        HttpResponse<String> response = post("/transactions.xml?" + AUTH, "multipart/form-data",
                "transactions[0][app_id]=a&transactions[0][usage][hits]=1");

        assertError(response, 400, "transactions_is_blank", "transactions parameter is blank");
        assertThat(engine.reportCalls).isEmpty();
    }
}
