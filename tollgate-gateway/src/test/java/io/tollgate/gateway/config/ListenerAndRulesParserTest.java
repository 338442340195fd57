package io.tollgate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.gateway.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code proxy.listener} and the {@code rules} of chain entries, as the product parser reads them. */
class ListenerAndRulesParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static ProductConfig parse(String proxy) throws Exception {
        ObjectNode product = (ObjectNode) JSON.readTree("{\"id\":7,\"name\":\"Pets\",\"proxy\":" + proxy + "}");
        return ProductConfigParser.parse(product);
    }

    private static void assertRejected(String proxy, String message) {
        assertThatThrownBy(() -> parse(proxy)).isInstanceOf(ConfigException.class)
                .hasMessage("product 7 \"Pets\": " + message);
    }

    @Test
    void aListenerDefaultsToHttpOnEveryInterface() throws Exception {
        assertThat(parse("{\"listener\":{\"port\":8081}}").listener())
                .isEqualTo(new ProductConfig.Listener("0.0.0.0", 8081, null, null));
        assertThat(parse("{}").listener()).isNull();
    }

    @Test
    void anHttpsListenerNeedsReadablePemFiles() throws Exception {
        TestCertificates.Pem pem = TestCertificates.in(Files.createDirectories(dir.resolve("tls"))).server("localhost");
        ProductConfig.Listener listener = parse("{\"listener\":{\"port\":8443,\"scheme\":\"https\",\"address\":\"::\","
                + "\"certificate\":\"" + pem.certificate() + "\",\"key\":\"" + pem.key() + "\"}}").listener();

        assertThat(listener.tls()).isTrue();
        assertThat(listener.url()).isEqualTo("https://[::]:8443");
        assertRejected("{\"listener\":{\"port\":8443,\"scheme\":\"https\",\"key\":\"" + pem.key() + "\"}}",
                "proxy.listener.certificate: missing (expected: a PEM file, required with scheme https)");
        assertRejected("{\"listener\":{\"port\":8443,\"scheme\":\"https\",\"certificate\":\"/no/cert.pem\",\"key\":\""
                + pem.key() + "\"}}", "proxy.listener.certificate: /no/cert.pem (expected: a readable PEM file)");
        assertRejected("{\"listener\":{\"port\":8080,\"certificate\":\"" + pem.certificate() + "\"}}",
                "proxy.listener.certificate: set for an http listener (expected: only with scheme https)");
    }

    @Test
    void anHttpsListenerMayCarryItsPemTexts() throws Exception {
        TestCertificates.Pem pem = TestCertificates.in(Files.createDirectories(dir.resolve("tls"))).server("localhost");
        ObjectNode listener = JSON.createObjectNode().put("port", 8443).put("scheme", "https")
                .put("certificate_pem", Files.readString(pem.certificate())).put("key_pem", Files.readString(pem.key()));

        ProductConfig.Listener parsed = parse("{\"listener\":" + listener + "}").listener();

        assertThat(parsed.tls()).isTrue();
        assertThat(parsed.certificatePem()).isEqualTo(Files.readString(pem.certificate()));
        assertThat(parsed.keyPem()).isEqualTo(Files.readString(pem.key()));
        assertThat(parsed.toString()).as("no key in messages").doesNotContain("PRIVATE KEY");
        assertRejected("{\"listener\":{\"port\":8443,\"scheme\":\"https\",\"certificate_pem\":\"junk\",\"key_pem\":"
                + JSON.writeValueAsString(Files.readString(pem.key())) + "}}",
                "proxy.listener.certificate_pem: missing or not PEM (expected: -----BEGIN CERTIFICATE----- …)");
        assertRejected("{\"listener\":{\"port\":8080,\"key_pem\":\"x\"}}",
                "proxy.listener.key_pem: set for an http listener (expected: only with scheme https)");
        assertRejected("{\"listener\":{\"port\":8443,\"scheme\":\"https\",\"key\":\"" + pem.key()
                + "\",\"key_pem\":\"x\"}}", "proxy.listener.key: set with certificate_pem/key_pem (expected: files "
                        + "or PEM texts, not both)");
    }

    @Test
    void listenerErrorsNameTheField() {
        assertRejected("{\"listener\":{}}", "proxy.listener.port: missing (expected: a port number 1..65535)");
        assertRejected("{\"listener\":{\"port\":0}}", "proxy.listener.port: 0 (expected: 1..65535)");
        assertRejected("{\"listener\":{\"port\":70000}}", "proxy.listener.port: 70000 (expected: 1..65535)");
        assertRejected("{\"listener\":{\"port\":80,\"scheme\":\"h2\"}}",
                "proxy.listener.scheme: \"h2\" (expected: one of http, https)");
        assertRejected("{\"listener\":{\"port\":80,\"address\":\" \"}}",
                "proxy.listener.address: \"\" (expected: an address to listen on, e.g. 0.0.0.0)");
        assertRejected("{\"listener\":8080}", "proxy.listener: 8080 (expected: an object)");
    }

    @Test
    void chainEntryRulesAreReadAndChecked() throws Exception {
        ProductConfig config = parse("{\"policy_chain\":[{\"name\":\"cors\",\"rules\":[{\"methods\":[\"get\",\"POST\"]},"
                + "{\"path\":\"/admin(/.*)?\"}]}]}");
        ProductConfig.PolicyConfig entry = config.policyChain().get(0);

        assertThat(entry.rules()).hasSize(2);
        assertThat(entry.rules().get(0).methods()).containsExactly("GET", "POST");
        assertThat(entry.rules().get(0).matches("POST", "/anything")).isTrue();
        assertThat(entry.rules().get(0).matches("DELETE", "/anything")).isFalse();
        assertThat(entry.rules().get(1).matches("DELETE", "/admin/users")).isTrue();
        assertThat(entry.rules().get(1).matches("GET", "/administrator")).as("the whole path must match").isFalse();
        assertRejected("{\"policy_chain\":[{\"name\":\"cors\",\"rules\":[{\"methods\":[\"ANY\"]}]}]}",
                "proxy.policy_chain[0].rules[0].methods: \"ANY\" (expected: one of GET, POST, PUT, PATCH, DELETE, "
                        + "HEAD, OPTIONS)");
        assertThatThrownBy(() -> parse("{\"policy_chain\":[{\"name\":\"cors\",\"rules\":[{\"path\":\"[\"}]}]}"))
                .hasMessageStartingWith("product 7 \"Pets\": proxy.policy_chain[0].rules[0].path: \"[\" (expected: a "
                        + "regular expression; ");
    }
}
