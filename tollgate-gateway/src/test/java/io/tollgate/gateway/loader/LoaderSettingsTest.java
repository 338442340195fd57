package io.tollgate.gateway.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loader settings from environment variables: defaults per environment, overrides, and refusals. */
class LoaderSettingsTest {
    private static final String ENDPOINT = "https://s3cr3t-t0ken@admin.example.com";

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void productionLoadsAtBootAndRefreshesEveryFiveMinutesStagingLoadsPerHostWithoutCache() {
        LoaderSettings production = LoaderSettings.fromEnvironment(env("TOLLGATE_PORTAL_ENDPOINT", ENDPOINT),
                Environment.PRODUCTION);
        LoaderSettings staging = LoaderSettings.fromEnvironment(env("TOLLGATE_PORTAL_ENDPOINT", ENDPOINT),
                Environment.of("sandbox"));

        assertThat(production.loader()).isEqualTo(LoaderSettings.Loader.BOOT);
        assertThat(production.cache()).isEqualTo(Duration.ofSeconds(300));
        assertThat(production.notifications()).isTrue();
        assertThat(production.insecure()).isFalse();
        assertThat(production.lastGoodFile()).isEqualTo(Path.of("data", "gateway", "production.json"));
        assertThat(staging.environment()).isEqualTo(Environment.STAGING);
        assertThat(staging.loader()).isEqualTo(LoaderSettings.Loader.LAZY);
        assertThat(staging.cache()).isZero();
        assertThat(staging.lastGoodFile()).isEqualTo(Path.of("data", "gateway", "staging.json"));
        assertThat(production.describe())
                .isEqualTo("https://admin.example.com (boot loader, refresh every 300 s, change notifications)");
    }

    @Test
    void variablesOverrideTheDefaults(@TempDir Path dir) throws Exception {
        Path bundle = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----");
        LoaderSettings s = LoaderSettings.fromEnvironment(env("TOLLGATE_PORTAL_ENDPOINT", ENDPOINT,
                "TOLLGATE_CONFIGURATION_LOADER", "LAZY", "TOLLGATE_CONFIGURATION_CACHE", "-1",
                "TOLLGATE_CONFIGURATION_NOTIFICATIONS", "false", "TOLLGATE_PORTAL_INSECURE", "true",
                "TOLLGATE_PORTAL_CA_BUNDLE", bundle.toString(), "TOLLGATE_HOME", "/var/lib/tollgate"),
                Environment.PRODUCTION);

        assertThat(s.loader()).isEqualTo(LoaderSettings.Loader.LAZY);
        assertThat(s.cache()).isNegative();
        assertThat(s.notifications()).isFalse();
        assertThat(s.insecure()).isTrue();
        assertThat(s.caBundle()).isEqualTo(bundle);
        assertThat(s.lastGoodFile()).isEqualTo(Path.of("/var/lib/tollgate/gateway/production.json"));
        assertThat(s.describe()).isEqualTo("https://admin.example.com (lazy loader, hosts cached for good)");
    }

    @Test
    void aConfigFileNeedsNoEndpointAndTakesPrecedence() {
        LoaderSettings file = LoaderSettings.fromEnvironment(env("TOLLGATE_CONFIG_FILE", "/etc/tollgate/gw.json",
                "TOLLGATE_PORTAL_ENDPOINT", ENDPOINT, "TOLLGATE_CONFIGURATION_CACHE", "0"), Environment.PRODUCTION);

        assertThat(file.configFile()).isEqualTo(Path.of("/etc/tollgate/gw.json"));
        assertThat(file.describe()).isEqualTo("file /etc/tollgate/gw.json");
    }

    @Test
    void emptyValuesCountAsUnset() {
        LoaderSettings s = LoaderSettings.fromEnvironment(env("TOLLGATE_PORTAL_ENDPOINT", ENDPOINT,
                "TOLLGATE_CONFIGURATION_CACHE", " ", "TOLLGATE_CONFIG_FILE", ""), Environment.PRODUCTION);

        assertThat(s.cache()).isEqualTo(Duration.ofSeconds(300));
        assertThat(s.configFile()).isNull();
    }

    @Test
    void badValuesNameTheVariableAndTheExpectation() {
        refused(env(), "TOLLGATE_PORTAL_ENDPOINT: missing (expected: https://TOKEN@host[:port][/path], or "
                + "TOLLGATE_CONFIG_FILE)");
        refused(env("TOLLGATE_PORTAL_ENDPOINT", ENDPOINT, "TOLLGATE_CONFIGURATION_CACHE", "0"),
                "TOLLGATE_CONFIGURATION_CACHE: 0 (expected: > 0 or < 0 with the boot loader; 0 means no cache, "
                        + "which only the lazy loader has)");
        refused(env("TOLLGATE_PORTAL_ENDPOINT", ENDPOINT, "TOLLGATE_CONFIGURATION_CACHE", "5m"),
                "TOLLGATE_CONFIGURATION_CACHE: \"5m\" (expected: a whole number of seconds; 0 = no cache, "
                        + "< 0 = never reload)");
        refused(env("TOLLGATE_PORTAL_ENDPOINT", ENDPOINT, "TOLLGATE_CONFIGURATION_LOADER", "eager"),
                "TOLLGATE_CONFIGURATION_LOADER: \"eager\" (expected: boot or lazy)");
        refused(env("TOLLGATE_PORTAL_ENDPOINT", ENDPOINT, "TOLLGATE_PORTAL_INSECURE", "maybe"),
                "TOLLGATE_PORTAL_INSECURE: \"maybe\" (expected: true or false)");
        refused(env("TOLLGATE_PORTAL_ENDPOINT", ENDPOINT, "TOLLGATE_PORTAL_CA_BUNDLE", "/no/such/ca.pem"),
                "TOLLGATE_PORTAL_CA_BUNDLE: /no/such/ca.pem (expected: a readable PEM file)");
        refused(env("TOLLGATE_PORTAL_ENDPOINT", "ftp://s3cr3t-t0ken@admin.example.com"),
                "TOLLGATE_PORTAL_ENDPOINT: ftp://***@admin.example.com (expected: an http:// or https:// URL)");
        refused(env("TOLLGATE_PORTAL_ENDPOINT", "https://admin.example.com"),
                "TOLLGATE_PORTAL_ENDPOINT: https://admin.example.com (expected: an access token before the host: "
                        + "https://TOKEN@admin.example.com)");
        assertThatThrownBy(() -> Environment.of("preview")).hasMessage(
                "environment: \"preview\" (expected: production or staging)");
    }

    @Test
    void theLazyLoaderMayHaveNoCache() {
        LoaderSettings s = LoaderSettings.fromEnvironment(env("TOLLGATE_PORTAL_ENDPOINT", ENDPOINT,
                "TOLLGATE_CONFIGURATION_LOADER", "lazy", "TOLLGATE_CONFIGURATION_CACHE", "0"), Environment.PRODUCTION);

        assertThat(s.cache()).isZero();
        assertThat(s.describe()).isEqualTo("https://admin.example.com (lazy loader, every request fetches its "
                + "host)");
    }

    private static void refused(Map<String, String> env, String message) {
        assertThatThrownBy(() -> LoaderSettings.fromEnvironment(env, Environment.PRODUCTION))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
    }
}
