package io.tollgate.meter.engine;

import static java.util.Objects.requireNonNull;

import io.tollgate.meter.config.MeterApp;
import io.tollgate.meter.config.MeterImage.ServiceView;
import java.util.List;

/**
 * The answer to an authorize or authrep that got as far as an application: authorized, or rejected
 * with a reason (409). Errors before that point are {@link MeterException}s.
 *
 * @param rejection why it was not authorized, or null when authorized
 * @param reason the human-readable {@code <reason>}, or null when authorized
 * @param planName the application's plan name
 * @param reports one report per limit of the plan, in plan order
 * @param app the application (for OAuth's {@code <application>} and {@code list_app_keys})
 * @param service the service (for {@code hierarchy})
 */
public record MeterResponse(Rejection rejection, String reason, String planName, List<UsageReport> reports,
        MeterApp app, ServiceView service) {

    /** Copies the reports and checks that a rejection has a reason. */
    public MeterResponse {
        requireNonNull(planName, "planName");
        reports = List.copyOf(requireNonNull(reports, "reports"));
        requireNonNull(app, "app");
        requireNonNull(service, "service");
        if ((rejection == null) != (reason == null)) {
            throw new IllegalArgumentException("reason: " + reason + " (expected: present iff rejected)");
        }
    }

    /** Whether the call was authorized. */
    public boolean authorized() {
        return rejection == null;
    }
}
