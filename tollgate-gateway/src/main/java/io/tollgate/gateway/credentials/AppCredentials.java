package io.tollgate.gateway.credentials;

/**
 * The application credentials of one request, as the meter takes them. Each field is null when absent.
 *
 * @param userKey the user key (backend_version 1)
 * @param appId the application id, or the OpenID Connect client id (backend_version 2, oidc)
 * @param appKey the application key (backend_version 2)
 */
public record AppCredentials(String userKey, String appId, String appKey) {
    /** No credentials at all. */
    public static final AppCredentials NONE = new AppCredentials(null, null, null);

    public static AppCredentials userKey(String userKey) {
        return new AppCredentials(userKey, null, null);
    }

    public static AppCredentials appId(String appId, String appKey) {
        return new AppCredentials(null, appId, appKey);
    }

    /** Whether the credentials that identify an application are there (a user key, or an app id). */
    public boolean present() {
        return !blank(userKey) || !blank(appId);
    }

    /** {@code user_key=…} or {@code app_id=…&app_key=…}, as the debug header shows them. */
    public String toQueryString() {
        StringBuilder sb = new StringBuilder();
        append(sb, "user_key", userKey);
        append(sb, "app_id", appId);
        append(sb, "app_key", appKey);
        return sb.toString();
    }

    private static void append(StringBuilder sb, String name, String value) {
        if (value != null) {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(name).append('=').append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Never the secrets: credentials must not reach logs by accident. */
    @Override
    public String toString() {
        return "AppCredentials[userKey=" + (userKey == null ? "absent" : "***") + ", appId=" + appId + ", appKey="
                + (appKey == null ? "absent" : "***") + "]";
    }
}
