package io.tollgate.meter.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.meter.Period;
import io.tollgate.meter.config.MeterApp;
import io.tollgate.meter.engine.MeterResponse;
import io.tollgate.meter.engine.Rejection;
import io.tollgate.meter.engine.UsageReport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusXmlTest {
    private static final String DECL = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    private static final StatusXml.Options PLAIN = new StatusXml.Options(false, "redirect_url", false, false);

    @Test
    void errorEscapesMarkupButKeepsQuotesInText() {
        assertThat(StatusXml.error("user_key_invalid", "user key \"a<b>&c\" is invalid"))
                .isEqualTo(DECL + "<error code=\"user_key_invalid\">user key \"a&lt;b&gt;&amp;c\" is invalid</error>");
    }

    @Test
    void anAuthorizationWithoutLimitsHasNoUsageReportsElement() {
        assertThat(StatusXml.status(Fixtures.authorized(), PLAIN))
                .isEqualTo(DECL + "<status><authorized>true</authorized><plan>Basic</plan></status>");
    }

    @Test
    void eternityReportsHaveNoPeriodBoundsAndExceededComesAfterPeriod() {
        UsageReport eternity = new UsageReport("hits", Period.ETERNITY, Instant.EPOCH, Instant.EPOCH, 5, 6);

        assertThat(StatusXml.status(Fixtures.rejected(Rejection.LIMITS_EXCEEDED, "usage limits are exceeded", eternity),
                PLAIN)).isEqualTo(DECL + "<status><authorized>false</authorized><reason>usage limits are exceeded</reason>"
                + "<plan>Basic</plan><usage_reports><usage_report metric=\"hits\" period=\"eternity\" exceeded=\"true\">"
                + "<max_value>5</max_value><current_value>6</current_value></usage_report></usage_reports></status>");
    }

    @Test
    void weekMonthAndYearWindowsAreWrittenInUtc() {
        String xml = StatusXml.status(Fixtures.authorized(Fixtures.report("hits", Period.WEEK, 1, 0),
                Fixtures.report("hits", Period.MONTH, 1, 0), Fixtures.report("hits", Period.YEAR, 1, 0)), PLAIN);

        assertThat(xml).contains("period=\"week\"><period_start>2020-01-06 00:00:00 +0000</period_start>"
                        + "<period_end>2020-01-13 00:00:00 +0000</period_end>")
                .contains("period=\"month\"><period_start>2020-01-01 00:00:00 +0000</period_start>"
                        + "<period_end>2020-02-01 00:00:00 +0000</period_end>")
                .contains("period=\"year\"><period_start>2020-01-01 00:00:00 +0000</period_start>"
                        + "<period_end>2021-01-01 00:00:00 +0000</period_end>");
    }

    @Test
    void planNamesAndAttributesAreEscaped() {
        MeterResponse response = new MeterResponse(null, null, "Gold & <Silver>",
                List.of(Fixtures.report("a\"b", Period.DAY, 1, 0)), Fixtures.APP, Fixtures.SERVICE);

        assertThat(StatusXml.status(response, PLAIN)).contains("<plan>Gold &amp; &lt;Silver&gt;</plan>")
                .contains("<usage_report metric=\"a&quot;b\" period=\"day\">");
    }

    @Test
    void anOauthApplicationWithoutKeysOrRedirectHasEmptyElements() {
        MeterApp bare = new MeterApp(55, 7, 10, MeterApp.LIVE, null, "client", List.of(), List.of(), null);
        MeterResponse response = new MeterResponse(null, null, "Basic", List.of(), bare, Fixtures.SERVICE);

        assertThat(StatusXml.status(response, new StatusXml.Options(true, "redirect_uri", false, false)))
                .isEqualTo(DECL + "<status><authorized>true</authorized><application><id>client</id><key></key>"
                        + "<redirect_uri></redirect_uri></application><plan>Basic</plan></status>");
    }

    @Test
    void appKeysOfAUserKeyApplicationNameItByItsId() {
        MeterApp userKeyApp = new MeterApp(55, 7, 10, MeterApp.LIVE, "uk", null, List.of(), List.of(), null);
        MeterResponse response = new MeterResponse(null, null, "Basic", List.of(), userKeyApp, Fixtures.SERVICE);

        assertThat(StatusXml.status(response, new StatusXml.Options(false, "redirect_url", true, true)))
                .isEqualTo(DECL + "<status><authorized>true</authorized><plan>Basic</plan>"
                        + "<app_keys app=\"55\" svc=\"7\"></app_keys><hierarchy></hierarchy></status>");
    }

    @Test
    void hierarchyRepeatsAMetricLimitedInSeveralPeriods() {
        String xml = StatusXml.status(Fixtures.authorized(Fixtures.report("hits", Period.MINUTE, 1, 0),
                Fixtures.report("hits", Period.DAY, 1, 0), Fixtures.report("unknown", Period.DAY, 1, 0)),
                new StatusXml.Options(false, "redirect_url", true, false));

        assertThat(xml).endsWith("<hierarchy><metric name=\"hits\" children=\"m1 m2\"/>"
                + "<metric name=\"hits\" children=\"m1 m2\"/><metric name=\"unknown\" children=\"\"/></hierarchy></status>");
    }

    @Test
    void controlCharactersBecomeStarsAsBuilderWrites() {
        assertThat(StatusXml.error("bad_request", "a\u0001b\tc")).endsWith(">a*b\tc</error>");
    }
}
