package io.tollgate.meter.api;

import io.tollgate.meter.Period;
import io.tollgate.meter.config.MeterApp;
import io.tollgate.meter.config.MeterImage.ServiceView;
import io.tollgate.meter.config.MeterMetric;
import io.tollgate.meter.engine.MeterResponse;
import io.tollgate.meter.engine.UsageReport;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * apisonator's response bodies, byte for byte ({@code transactor/status.rb},
 * {@code transactor/usage_report.rb}, {@code errors.rb}): no whitespace between elements, the
 * declaration first, times as {@code %Y-%m-%d %H:%M:%S +0000}. Element order in {@code <status>}:
 * authorized, reason, application (OAuth), plan, usage_reports (only when there are any), app_keys,
 * hierarchy.
 *
 * <p>Escaping: text escapes {@code & < >} (as Ruby's {@code encode(xml: :text)}; a {@code "} stays
 * as it is, so {@code user key "abc" is invalid} reads as in apisonator), attribute values also
 * escape {@code "}; control characters XML cannot carry become {@code *}, as Ruby's Builder writes
 * them. apisonator escapes only the plan name; escaping everywhere keeps the output well-formed and is
 * byte-identical for ordinary values.
 */
final class StatusXml {
    /** The XML declaration apisonator writes first. */
    static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss '+0000'").withZone(ZoneOffset.UTC);

    /**
     * What a status body includes beyond the basics.
     *
     * @param oauth whether to write {@code <application>} (the OAuth endpoints)
     * @param redirectField {@code redirect_url}, or {@code redirect_uri} when the request used that name
     * @param hierarchy the {@code hierarchy} extension
     * @param listAppKeys the {@code list_app_keys} extension
     */
    record Options(boolean oauth, String redirectField, boolean hierarchy, boolean listAppKeys) {
    }

    private StatusXml() {
    }

    /** {@code <error code="…">message</error>} with the declaration. */
    static String error(String code, String message) {
        StringBuilder xml = new StringBuilder(DECLARATION.length() + 64 + message.length());
        xml.append(DECLARATION).append("<error code=\"");
        attr(xml, code).append("\">");
        text(xml, message).append("</error>");
        return xml.toString();
    }

    /** The {@code <status>} body of an authorize or authrep that reached an application. */
    static String status(MeterResponse response, Options options) {
        StringBuilder xml = new StringBuilder(512);
        xml.append(DECLARATION).append("<status>");
        if (response.authorized()) {
            xml.append("<authorized>true</authorized>");
        } else {
            xml.append("<authorized>false</authorized><reason>");
            text(xml, response.reason()).append("</reason>");
        }
        if (options.oauth()) {
            application(xml, response.app(), options.redirectField());
        }
        xml.append("<plan>");
        text(xml, response.planName()).append("</plan>");
        if (!response.reports().isEmpty()) {
            xml.append("<usage_reports>");
            for (UsageReport report : response.reports()) {
                usageReport(xml, report);
            }
            xml.append("</usage_reports>");
        }
        if (options.listAppKeys()) {
            appKeys(xml, response.app());
        }
        if (options.hierarchy()) {
            hierarchy(xml, response.reports(), response.service());
        }
        return xml.append("</status>").toString();
    }

    /** The application id apisonator writes: the app_id (client id), else the database id. */
    static String applicationId(MeterApp app) {
        return app.appId() != null ? app.appId() : Long.toString(app.id());
    }

    private static void application(StringBuilder xml, MeterApp app, String redirectField) {
        xml.append("<application><id>");
        text(xml, applicationId(app)).append("</id><key>");
        text(xml, app.keys().isEmpty() ? "" : app.keys().get(0)).append("</key><");
        xml.append(redirectField).append('>');
        text(xml, app.redirectUrl() == null ? "" : app.redirectUrl()).append("</").append(redirectField)
                .append("></application>");
    }

    private static void usageReport(StringBuilder xml, UsageReport report) {
        xml.append("<usage_report metric=\"");
        attr(xml, report.metric()).append("\" period=\"").append(report.period().code()).append('"');
        xml.append(report.exceeded() ? " exceeded=\"true\">" : ">");
        if (report.period() != Period.ETERNITY) {
            xml.append("<period_start>").append(time(report.periodStart())).append("</period_start>");
            xml.append("<period_end>").append(time(report.periodEnd())).append("</period_end>");
        }
        xml.append("<max_value>").append(report.maxValue()).append("</max_value><current_value>")
                .append(report.currentValue()).append("</current_value></usage_report>");
    }

    private static void appKeys(StringBuilder xml, MeterApp app) {
        xml.append("<app_keys app=\"");
        attr(xml, applicationId(app)).append("\" svc=\"").append(app.serviceId()).append("\">");
        // apisonator lists at most 256 keys (LIST_APP_KEYS_MAX)
        for (String key : app.keys().subList(0, Math.min(256, app.keys().size()))) {
            xml.append("<key id=\"");
            attr(xml, key).append("\"/>");
        }
        xml.append("</app_keys>");
    }

    /** One {@code <metric>} per usage report, as apisonator (a metric limited per two periods repeats). */
    private static void hierarchy(StringBuilder xml, List<UsageReport> reports, ServiceView service) {
        xml.append("<hierarchy>");
        for (UsageReport report : reports) {
            String children = service.metric(report.metric())
                    .map(m -> service.children(m).stream().map(MeterMetric::name).collect(Collectors.joining(" ")))
                    .orElse("");
            xml.append("<metric name=\"");
            attr(xml, report.metric()).append("\" children=\"");
            attr(xml, children).append("\"/>");
        }
        xml.append("</hierarchy>");
    }

    /** {@code %Y-%m-%d %H:%M:%S +0000} in UTC. */
    static String time(Instant instant) {
        return TIME.format(instant);
    }

    private static StringBuilder text(StringBuilder xml, String value) {
        return escape(xml, value, false);
    }

    private static StringBuilder attr(StringBuilder xml, String value) {
        return escape(xml, value, true);
    }

    private static StringBuilder escape(StringBuilder xml, String value, boolean attribute) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> xml.append("&amp;");
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '"' -> xml.append(attribute ? "&quot;" : "\"");
                default -> xml.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? '*' : c);
            }
        }
        return xml;
    }
}
