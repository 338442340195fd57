package io.tollgate.meter.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.common.Secrets;
import io.tollgate.meter.MemoryCounterStore;
import io.tollgate.meter.Period;
import io.tollgate.meter.RecordingStats;
import io.tollgate.meter.config.LocalMeterConfig;
import io.tollgate.meter.config.MeterApp;
import io.tollgate.meter.config.MeterLimit;
import io.tollgate.meter.config.MeterMetric;
import io.tollgate.meter.config.MeterPlan;
import io.tollgate.meter.config.MeterService;
import io.tollgate.meter.config.MeterSnapshot;
import io.tollgate.meter.config.MeterTenant;
import io.tollgate.meter.engine.Meter;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real {@link Meter} (in-memory counters) behind {@link MeterServer}. Service 10 (app_id/app_key,
 * token {@code st}): hits(100) ← search(101), blocked(105); plan "Pro": hits 5/minute, search 3/hour,
 * blocked 0/month; apps a1 (keys k1), a2 (suspended). Service 11 (user_key, token {@code st11}): hits(200);
 * plan "Basic": hits 2/minute, the wire doc's example; app with user key {@code uk}.
 */
class MeterEndToEndTest extends ApiServerSupport {
    private static final String V2 = "/transactions/authrep.xml?service_token=st&service_id=10";
    private static final String V1 = "/transactions/authrep.xml?service_token=st11&service_id=11";
    private final RecordingStats stats = new RecordingStats();

    @BeforeEach
    void serve() throws Exception {
        LocalMeterConfig config = new LocalMeterConfig();
        config.publish(snapshot());
        start(new Meter(config, new MemoryCounterStore(), stats, Clock.fixed(Fixtures.NOW, ZoneOffset.UTC)));
    }

    private static MeterSnapshot snapshot() {
        MeterService v2 = new MeterService(10, 1, "2", true, Set.of(Secrets.sha256("st")), false, List.of(
                new MeterMetric(100, "hits", 0), new MeterMetric(101, "search", 100), new MeterMetric(105, "blocked", 0)));
        MeterService v1 = new MeterService(11, 1, "1", true, Set.of(Secrets.sha256("st11")), false,
                List.of(new MeterMetric(200, "hits", 0)));
        List<MeterPlan> plans = List.of(
                new MeterPlan(20, 10, "Pro", List.of(new MeterLimit(100, Period.MINUTE, 5),
                        new MeterLimit(101, Period.HOUR, 3), new MeterLimit(105, Period.MONTH, 0))),
                new MeterPlan(21, 11, "Basic", List.of(new MeterLimit(200, Period.MINUTE, 2))));
        List<MeterApp> apps = List.of(
                new MeterApp(30, 10, 20, MeterApp.LIVE, null, "a1", List.of("k1"), List.of(), "https://cb.example"),
                new MeterApp(31, 10, 20, "suspended", null, "a2", List.of(), List.of(), null),
                new MeterApp(40, 11, 21, MeterApp.LIVE, "uk", null, List.of(), List.of(), null));
        return new MeterSnapshot(1, List.of(new MeterTenant(1, Secrets.sha256("pk"), 10, true)),
                List.of(v2, v1), plans, apps);
    }

    @Test
    void authrepAnswersTheWireDocExampleThenDeniesAtTheLimit() throws Exception {
        HttpResponse<String> first = get(V1 + "&user_key=uk&usage%5Bhits%5D=1");
        HttpResponse<String> second = get(V1 + "&user_key=uk&usage%5Bhits%5D=1");
        HttpResponse<String> third = get(V1 + "&user_key=uk&usage%5Bhits%5D=1", "3scale-options",
                "rejection_reason_header=1&limit_headers=1");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><status><authorized>true</authorized>"
                + "<plan>Basic</plan><usage_reports><usage_report metric=\"hits\" period=\"minute\">"
                + "<period_start>2020-01-06 14:52:00 +0000</period_start><period_end>2020-01-06 14:53:00 +0000</period_end>"
                + "<max_value>2</max_value><current_value>1</current_value></usage_report></usage_reports></status>");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).contains("<current_value>2</current_value>");
        assertThat(third.statusCode()).isEqualTo(409);
        assertThat(third.body()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><status><authorized>false</authorized>"
                + "<reason>usage limits are exceeded</reason><plan>Basic</plan>").contains("<current_value>2</current_value>");
        assertThat(third.headers().firstValue("3scale-rejection-reason")).hasValue("limits_exceeded");
        assertThat(third.headers().firstValue("3scale-limit-remaining")).hasValue("0");
        assertThat(third.headers().firstValue("3scale-limit-reset")).hasValue("30");
        assertThat(third.headers().firstValue("3scale-limit-max-value")).hasValue("2");
        assertThat(stats.total(40, 200)).isEqualTo(2);
    }

    @Test
    void unknownCredentialsAndMetricsAreErrors() throws Exception {
        assertError(get(V1 + "&user_key=nope&usage[hits]=1"), 403, "user_key_invalid", "user key \"nope\" is invalid");
        assertError(get(V2 + "&app_id=nope"), 404, "application_not_found", "application with id=\"nope\" was not found");
        assertError(get(V2 + "&app_id=a1&app_key=k1&usage[nope]=1"), 404, "metric_invalid", "metric \"nope\" is invalid");
        assertError(get("/transactions/authrep.xml?service_token=st&app_id=a1"), 422, "service_id_missing",
                "Service ID is missing");
        assertError(get("/transactions/authrep.xml?service_token=wrong&service_id=10&app_id=a1"), 403,
                "service_token_invalid", "service token \"wrong\" or service id \"10\" is invalid");
        assertError(get("/transactions/authrep.xml?provider_key=wrong&app_id=a1"), 403, "provider_key_invalid",
                "provider key \"wrong\" is invalid");
    }

    @Test
    void applicationChecksAreRejectionsWithAReason() throws Exception {
        HttpResponse<String> suspended = get(V2 + "&app_id=a2");
        HttpResponse<String> wrongKey = get(V2 + "&app_id=a1&app_key=bad");
        HttpResponse<String> missingKey = get(V2 + "&app_id=a1");
        HttpResponse<String> notOauth = get("/transactions/oauth_authorize.xml?service_token=st&service_id=10&app_id=a1");

        assertThat(suspended.statusCode()).isEqualTo(409);
        assertThat(suspended.body()).contains("<reason>application is not active</reason>");
        assertThat(wrongKey.statusCode()).isEqualTo(409);
        assertThat(wrongKey.body()).contains("<reason>application key \"bad\" is invalid</reason>");
        assertThat(missingKey.body()).contains("<reason>application key is missing</reason>");
        assertThat(notOauth.statusCode()).isEqualTo(409);
        assertThat(notOauth.body()).contains("<reason>oauth is not enabled</reason><application><id>a1</id>"
                + "<key>k1</key><redirect_url>https://cb.example</redirect_url></application><plan>Pro</plan>");
    }

    @Test
    void aLimitOfZeroRefusesAnyUseOfItsMetric() throws Exception {
        HttpResponse<String> blocked = get(V2 + "&app_id=a1&app_key=k1&usage[blocked]=1");
        HttpResponse<String> other = get(V2 + "&app_id=a1&app_key=k1&usage[hits]=1");

        assertThat(blocked.statusCode()).isEqualTo(409);
        assertThat(blocked.body()).contains("<reason>usage limits are exceeded</reason>");
        assertThat(other.statusCode()).isEqualTo(200);
    }

    @Test
    void aMethodRollsUpIntoHitsUnlessFlatUsageIsAsked() throws Exception {
        HttpResponse<String> rolled = get(V2 + "&app_id=a1&app_key=k1&usage[search]=2");
        HttpResponse<String> flat = get(V2 + "&app_id=a1&app_key=k1&usage[search]=1", "3scale-options", "flat_usage=1");

        assertThat(rolled.body()).contains("<usage_report metric=\"hits\" period=\"minute\">"
                + "<period_start>2020-01-06 14:52:00 +0000</period_start><period_end>2020-01-06 14:53:00 +0000</period_end>"
                + "<max_value>5</max_value><current_value>2</current_value></usage_report>"
                + "<usage_report metric=\"search\" period=\"hour\">");
        assertThat(rolled.body()).contains("<max_value>3</max_value><current_value>2</current_value>");
        assertThat(flat.body()).contains("<max_value>5</max_value><current_value>2</current_value>")
                .contains("<max_value>3</max_value><current_value>3</current_value>");
        assertThat(stats.total(30, 100)).isEqualTo(2);
    }

    @Test
    void reportedUsageShowsInTheNextAuthorize() throws Exception {
        HttpResponse<String> report = post("/transactions.xml", "application/x-www-form-urlencoded",
                "service_token=st&service_id=10&transactions[0][app_id]=a1&transactions[0][usage][hits]=3"
                        + "&transactions[1][app_id]=a1&transactions[1][usage][search]=1"
                        + "&transactions[1][timestamp]=2020-01-06+14%3A52%3A05");
        HttpResponse<String> authorize = get("/transactions/authorize.xml?service_token=st&service_id=10&app_id=a1"
                + "&app_key=k1&usage[hits]=1", "3scale-options", "limit_headers=1&hierarchy=1");

        assertThat(report.statusCode()).isEqualTo(202);
        assertThat(authorize.statusCode()).isEqualTo(200);
        assertThat(authorize.body()).contains("<max_value>5</max_value><current_value>4</current_value>")
                .endsWith("<hierarchy><metric name=\"hits\" children=\"search\"/><metric name=\"search\" children=\"\"/>"
                        + "<metric name=\"blocked\" children=\"\"/></hierarchy></status>");
        assertThat(authorize.headers().firstValue("3scale-limit-remaining")).hasValue("1");
        assertThat(authorize.headers().firstValue("3scale-limit-max-value")).hasValue("5");
    }

    @Test
    void aReportThatFailsValidationRecordsNothing() throws Exception {
        HttpResponse<String> report = post("/transactions.xml", null,
                "service_token=st&service_id=10&transactions[0][app_id]=a1&transactions[0][usage][hits]=3"
                        + "&transactions[1][app_id]=nope&transactions[1][usage][hits]=1");

        assertError(report, 404, "application_not_found", "application with id=\"nope\" was not found");
        assertThat(get(V2 + "&app_id=a1&app_key=k1").body()).contains("<max_value>5</max_value><current_value>0</current_value>");
    }

    @Test
    void tooOldTimestampsAreRefused() throws Exception {
        assertError(post("/transactions.xml", null, "service_token=st&service_id=10&transactions[0][app_id]=a1"
                        + "&transactions[0][usage][hits]=1&transactions[0][timestamp]=2020-01-01+00%3A00%3A00"),
                403, "transaction_timestamp_too_old", "reporting transactions older than 86400 seconds is not allowed");
    }

    @Test
    void aProviderKeyUsesTheDefaultService() throws Exception {
        HttpResponse<String> response = get("/transactions/authrep.xml?provider_key=pk&app_id=a1&app_key=k1&usage[hits]=1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<plan>Pro</plan>");
    }
}
