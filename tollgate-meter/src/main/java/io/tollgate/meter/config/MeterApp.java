package io.tollgate.meter.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An application: its plan, state and credentials.
 *
 * @param id the application's database id (counter keys use it)
 * @param serviceId the service the application is subscribed to
 * @param planId its application plan
 * @param state {@code live}, {@code pending} or {@code suspended}; only {@code live} is active
 * @param userKey the user key (backend version 1), or null
 * @param appId the application id (version 2 and OIDC), or null
 * @param keys the application keys (version 2), possibly empty
 * @param referrerFilters allowed referrers ({@code *} wildcards), empty = any referrer
 * @param redirectUrl the OAuth redirect URL, or null
 */
public record MeterApp(long id, long serviceId, long planId, String state, String userKey, String appId,
        List<String> keys, List<String> referrerFilters, String redirectUrl) {

    /** The only state in which an application is active. */
    public static final String LIVE = "live";

    /** Copies the lists. */
    public MeterApp {
        requireNonNull(state, "state");
        keys = List.copyOf(requireNonNull(keys, "keys"));
        referrerFilters = List.copyOf(requireNonNull(referrerFilters, "referrerFilters"));
    }

    /** Whether calls may be authorized. */
    public boolean active() {
        return LIVE.equals(state);
    }
}
