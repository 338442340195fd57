package io.tollgate.gateway.credentials;

import io.tollgate.gateway.testing.ProductJson;

/**
 * The product an end-to-end credentials row loads: backend_version, credentials_location and the
 * parameter names. Its gateway responses are left out, so they are APIcast's defaults
 * (auth_missing 401, auth_failed 403, no_match 404, {@code text/plain; charset=utf-8}), as for a
 * hand-written configuration file. Version 1 is product 7 on {@code keys.example.com}, version 2
 * product 8 on {@code apps.example.com}; both have the rules {@code GET /pets} and {@code POST /pets}.
 */
record Setup(String version, String location, String userKeyName, String appIdName, String appKeyName) {
    static Setup v1(String location) {
        return new Setup("1", location, "user_key", "app_id", "app_key");
    }

    static Setup v2(String location) {
        return new Setup("2", location, "user_key", "app_id", "app_key");
    }

    Setup userKeyNamed(String name) {
        return new Setup(version, location, name, appIdName, appKeyName);
    }

    Setup appNamed(String id, String key) {
        return new Setup(version, location, userKeyName, id, key);
    }

    long id() {
        return version.equals("1") ? 7 : 8;
    }

    String host() {
        return version.equals("1") ? "keys.example.com" : "apps.example.com";
    }

    ProductJson product(String upstreamUrl) {
        ProductJson p = ProductJson.product(id(), host()).apiBackend(upstreamUrl).backendVersion(version)
                .proxy("credentials_location", location).proxy("auth_user_key", userKeyName)
                .proxy("auth_app_id", appIdName).proxy("auth_app_key", appKeyName)
                .rule("GET", "/pets", "hits").rule("POST", "/pets", "hits");
        for (String kind : new String[] {"auth_missing", "auth_failed", "no_match"}) {
            p.proxy("error_" + kind, null).proxy("error_status_" + kind, null).proxy("error_headers_" + kind, null);
        }
        return p;
    }

    @Override
    public String toString() {
        return "v" + version + " " + location;
    }
}
