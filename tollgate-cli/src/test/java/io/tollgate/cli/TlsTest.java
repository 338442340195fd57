package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.server.testing.TestPlatform;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A control plane behind HTTPS with a self-signed certificate: refused by default, trusted with SSL_CERT_FILE or -k. */
class TlsTest extends CliTest {
    @TempDir
    static Path certificates;

    private static TlsTunnel tunnel;
    private static String httpsUrl;

    @BeforeAll
    static void startTunnel() throws Exception {
        int port = Integer.parseInt(platform.baseUrl().substring(platform.baseUrl().lastIndexOf(':') + 1));
        tunnel = TlsTunnel.to(port, certificates);
        httpsUrl = "https://" + TestPlatform.ADMIN_TOKEN + "@127.0.0.1:" + tunnel.port();
        product(a, "Secure API");
    }

    @AfterAll
    static void stopTunnel() throws Exception {
        tunnel.close();
    }

    @Test
    void refusesTheSelfSignedCertificateWithAClearMessage() {
        String message = fails("service", "list", httpsUrl);
        assertThat(message).startsWith("TLS handshake with https://127.0.0.1:" + tunnel.port() + " failed:")
                .contains("the server's certificate is not trusted")
                .contains("set SSL_CERT_FILE").contains("-k/--insecure")
                .doesNotContain(TestPlatform.ADMIN_TOKEN);
    }

    @Test
    void trustsTheCertificateGivenInSslCertFile() {
        Map<String, String> env = new HashMap<>(ENV);
        env.put("SSL_CERT_FILE", tunnel.certificatePem().toString());
        Result result = runWith(env, "", "service", "list", httpsUrl);
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("secure_api");
    }

    @Test
    void insecureSkipsVerification() {
        assertThat(ok("service", "list", httpsUrl, "-k").out()).contains("secure_api");
        assertThat(ok("--insecure", "service", "list", httpsUrl).out()).contains("secure_api");
    }

    @Test
    void anUnreadableCertificateFileIsNamed() {
        Map<String, String> env = new HashMap<>(ENV);
        env.put("SSL_CERT_FILE", certificates.resolve("missing.pem").toString());
        Result result = runWith(env, "", "service", "list", httpsUrl);
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err().strip()).startsWith("tollgate: SSL_CERT_FILE " + certificates.resolve("missing.pem")
                + ": cannot read certificates");
    }
}
