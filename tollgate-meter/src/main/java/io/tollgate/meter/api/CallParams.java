package io.tollgate.meter.api;

import io.tollgate.meter.engine.MeterCall;
import io.tollgate.meter.engine.MeterErrorCode;
import io.tollgate.meter.engine.MeterException;
import io.tollgate.meter.engine.Usage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of an authorize or authrep, checked in apisonator's order
 * ({@code listener.rb do_api_method}) as far as they can be checked without the configuration:
 *
 * <ol>
 *   <li>{@code service_id}, {@code app_id}, {@code app_key}, {@code user_key}, {@code provider_key}
 *       are stripped; a blank one (or one that is not a plain value) is absent, except that an empty
 *       {@code app_key} stays present (it forces a key check).</li>
 *   <li>No provider key and no service token: {@code provider_key_or_service_token_required}; no provider
 *       key and no service id: {@code service_id_missing}. The engine checks the token itself.</li>
 *   <li>A {@code user_id}: {@code end_users_no_longer_supported}.</li>
 *   <li>A {@code usage} that is not a map: 403 with no body, as apisonator.</li>
 *   <li>Both {@code user_key} and {@code app_id}: {@code authentication_error}.</li>
 *   <li>Usage values: {@link Usage#parse}; an empty or structured value is
 *       {@code usage value for metric "m" can not be empty}.</li>
 * </ol>
 *
 * apisonator resolves the service before the last two checks, so with an invalid token and both
 * credentials it answers {@code service_token_invalid} where Tollgate answers
 * {@code authentication_error}.
 */
final class CallParams {

    private CallParams() {
    }

    /** Checks {@code params} and builds the call; refusals throw {@link ApiError} or {@link MeterException}. */
    static MeterCall parse(Map<String, Object> params, boolean oauth, boolean flatUsage) {
        String serviceId = stripped(params, "service_id");
        String appId = stripped(params, "app_id");
        String userKey = stripped(params, "user_key");
        String providerKey = stripped(params, "provider_key");
        String appKey = params.get("app_key") instanceof String key ? key.strip() : null;
        String serviceToken = nonEmpty(params.get("service_token"));
        requireServiceCredentials(providerKey, serviceToken, serviceId);
        if (params.get("user_id") != null) {
            throw new MeterException(MeterErrorCode.END_USERS_NO_LONGER_SUPPORTED,
                    "End-users are no longer supported, do not specify the user_id parameter");
        }
        Object usage = params.get("usage");
        if (usage != null && !(usage instanceof Map<?, ?>)) {
            throw new ApiError(403, null, null); // apisonator: halt 403 unless valid_usage_params?
        }
        if (userKey != null && appId != null) {
            throw new MeterException(MeterErrorCode.AUTHENTICATION_ERROR, "either app_id or user_key is allowed, not both");
        }
        // apisonator's RedirectURI validator: redirect_url wins; redirect_uri names the field when used alone
        boolean redirectUri = !params.containsKey("redirect_url") && params.containsKey("redirect_uri");
        String redirect = plain(params.get(redirectUri ? "redirect_uri" : "redirect_url"));
        return new MeterCall(serviceToken, providerKey, serviceId, userKey, appId, appKey,
                plain(params.get("referrer")), redirect, usage(usage), oauth, flatUsage, redirectUri);
    }

    /**
     * apisonator's {@code raise_provider_key_error} for the cases decidable without configuration: a
     * provider key, or a service token with a service id, is required.
     */
    static void requireServiceCredentials(String providerKey, String serviceToken, String serviceId) {
        if (providerKey != null) {
            return;
        }
        if (serviceToken == null) {
            throw new MeterException(MeterErrorCode.PROVIDER_KEY_OR_SERVICE_TOKEN_REQUIRED,
                    "Provider key or service token are required");
        }
        if (serviceId == null) {
            throw new MeterException(MeterErrorCode.SERVICE_ID_MISSING, "Service ID is missing");
        }
    }

    /** {@code usage[metric]=N} as metric → units; values must be plain and non-blank. */
    static Map<String, Long> usage(Object usage) {
        if (!(usage instanceof Map<?, ?> map)) {
            return Map.of();
        }
        Map<String, String> raw = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String metric = (String) e.getKey();
            if (!(e.getValue() instanceof String value) || value.isBlank()) {
                throw new MeterException(MeterErrorCode.USAGE_VALUE_INVALID,
                        "usage value for metric \"" + metric + "\" can not be empty");
            }
            raw.put(metric, value);
        }
        return Usage.parse(raw);
    }

    /** A plain value, stripped; null when absent, structured or blank. */
    static String stripped(Map<String, Object> params, String name) {
        return params.get(name) instanceof String s && !s.isBlank() ? s.strip() : null;
    }

    /** A plain value as sent; null when absent, structured or empty (Ruby's {@code blank?}). */
    static String nonEmpty(Object value) {
        return value instanceof String s && !s.isEmpty() ? s : null;
    }

    private static String plain(Object value) {
        return value instanceof String s ? s : null;
    }
}
