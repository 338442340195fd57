package io.tollgate.meter.engine;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One authorize or authrep call, as parsed from the request: every string may be null (absent).
 *
 * @param serviceToken the {@code service_token}
 * @param providerKey the legacy {@code provider_key}
 * @param serviceId the {@code service_id}, unparsed
 * @param userKey the {@code user_key}
 * @param appId the {@code app_id} (or OAuth client id)
 * @param appKey the {@code app_key}
 * @param referrer the {@code referrer}
 * @param redirectUrl the OAuth {@code redirect_url} / {@code redirect_uri}
 * @param usage metric name → units, in request order, zeros already dropped ({@link Usage#parse})
 * @param oauth whether this is an {@code oauth_authorize}/{@code oauth_authrep} call
 * @param flatUsage whether methods do not roll up into their parents ({@code 3scale-options: flat_usage=1})
 * @param redirectUri whether the redirect came as {@code redirect_uri} (the OAuth name) rather than the legacy
 *     {@code redirect_url}: it names the rejection and the element in {@code <application>}
 */
public record MeterCall(String serviceToken, String providerKey, String serviceId, String userKey, String appId,
        String appKey, String referrer, String redirectUrl, Map<String, Long> usage, boolean oauth,
        boolean flatUsage, boolean redirectUri) {

    /** Copies the usage. */
    public MeterCall {
        usage = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(requireNonNull(usage, "usage")));
    }

    /** A call whose redirect, if any, came as the legacy {@code redirect_url}. */
    public MeterCall(String serviceToken, String providerKey, String serviceId, String userKey, String appId,
            String appKey, String referrer, String redirectUrl, Map<String, Long> usage, boolean oauth,
            boolean flatUsage) {
        this(serviceToken, providerKey, serviceId, userKey, appId, appKey, referrer, redirectUrl, usage, oauth,
                flatUsage, false);
    }
}
