package io.tollgate.meter.engine;

import io.tollgate.meter.config.MeterApp;
import io.tollgate.meter.config.MeterService;
import java.util.regex.Pattern;

/**
 * The checks between finding the application and checking its limits, in apisonator's order: the
 * application key (or, for OAuth, the OAuth setting, key and redirect), the referrer, the state. The
 * first that fails decides the rejection.
 */
final class Validators {
    private static final String REFERRER_BYPASS = "*";

    private Validators() {
    }

    /** The first failing check's rejection and reason, or null when every check passes. */
    static Failure check(MeterService service, MeterApp app, MeterCall call) {
        boolean oauthService = "oauth".equals(service.backendVersion()) || "oidc".equals(service.backendVersion());
        Failure failure;
        if (call.oauth()) {
            if (!oauthService) {
                return new Failure(Rejection.OAUTH_NOT_ENABLED, "oauth is not enabled");
            }
            failure = oauthKey(app, call.appKey());
            if (failure == null) {
                failure = redirect(app, call);
            }
        } else if (oauthService) {
            failure = oauthKey(app, call.appKey());
        } else {
            failure = key(service, app, call.appKey());
        }
        if (failure == null) {
            failure = referrer(service, app, call.referrer());
        }
        if (failure == null && !app.active()) {
            failure = new Failure(Rejection.APPLICATION_NOT_ACTIVE, "application is not active");
        }
        return failure;
    }

    private static Failure key(MeterService service, MeterApp app, String appKey) {
        if ("1".equals(service.backendVersion()) || app.keys().isEmpty()
                || (appKey != null && app.keys().contains(appKey))) {
            return null;
        }
        return keyInvalid(appKey);
    }

    private static Failure oauthKey(MeterApp app, String appKey) {
        if (appKey == null || (!appKey.isEmpty() && app.keys().contains(appKey))) {
            return null;
        }
        return keyInvalid(appKey);
    }

    private static Failure keyInvalid(String appKey) {
        return new Failure(Rejection.APPLICATION_KEY_INVALID, appKey == null || appKey.isBlank()
                ? "application key is missing"
                : "application key \"" + appKey + "\" is invalid");
    }

    private static Failure redirect(MeterApp app, MeterCall call) {
        String given = call.redirectUrl();
        if (given == null || given.isEmpty() || given.equals(app.redirectUrl())) {
            return null;
        }
        return call.redirectUri()
                ? new Failure(Rejection.REDIRECT_URI_INVALID, "redirect_uri \"" + given + "\" is invalid")
                : new Failure(Rejection.REDIRECT_URL_INVALID, "redirect_url \"" + given + "\" is invalid");
    }

    private static Failure referrer(MeterService service, MeterApp app, String referrer) {
        if (!service.referrerFiltersRequired() || app.referrerFilters().isEmpty()) {
            return null;
        }
        if (referrer != null && (REFERRER_BYPASS.equals(referrer)
                || app.referrerFilters().stream().anyMatch(filter -> matches(filter, referrer)))) {
            return null;
        }
        return new Failure(Rejection.REFERRER_NOT_ALLOWED, referrer == null || referrer.isBlank()
                ? "referrer is missing"
                : "referrer \"" + referrer + "\" is not allowed");
    }

    /** A filter matches the whole referrer; {@code *} in a filter matches any run of characters. */
    static boolean matches(String filter, String referrer) {
        StringBuilder regex = new StringBuilder();
        for (String part : filter.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(referrer).matches();
    }

    /** A failed check. */
    record Failure(Rejection rejection, String reason) {
    }
}
