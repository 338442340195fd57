package io.tollgate.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.gateway.testing.RawClient;
import io.tollgate.gateway.testing.RawGateway;
import io.tollgate.gateway.testing.RawUpstream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CL/TE class of the framing corpus sent to nginx ({@code proxy_pass}, nginx-light) and to the
 * gateway, each in front of its own raw upstream (reliability.md C1): both must accept or both refuse
 * each payload, and neither may forward more than one request. Where they disagree on purpose the
 * case is listed with the reason, and the list is asserted exactly, so no disagreement passes unseen.
 */
class FramingDifferentialIT {
    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    /**
     * Cases where the verdicts differ on purpose, with the reason. None with nginx 1.22.1: the exact
     * statuses differ only where nginx answers 501 to a transfer-coding list Tollgate calls malformed
     * (400, RFC 9112 §6.3).
     */
    private static final Map<String, String> KNOWN = Map.of();

    @TempDir
    static Path dir;
    private static Process nginx;
    private static int nginxPort;
    private static RawUpstream behindNginx;
    private static RawGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(NGINX), "nginx is not installed at " + NGINX
                + " (apt-get install nginx-light): the differential test cannot run");
        behindNginx = RawUpstream.start();
        gateway = RawGateway.start();
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nginxPort = s.getLocalPort();
        }
        String d = dir.toString();
        String conf = "worker_processes 1; daemon off; master_process off; pid " + d + "/nginx.pid;\n"
                + "error_log " + d + "/error.log info;\nevents { worker_connections 64; }\n"
                + "http { access_log off; client_body_temp_path " + d + "/body; proxy_temp_path " + d + "/proxy;\n"
                + " fastcgi_temp_path " + d + "/fcgi; uwsgi_temp_path " + d + "/uwsgi; scgi_temp_path " + d + "/scgi;\n"
                + " upstream up { server " + behindNginx.url().substring(7) + "; keepalive 4; }\n"
                + " server { listen 127.0.0.1:" + nginxPort + "; location / { proxy_pass http://up;"
                + " proxy_http_version 1.1; proxy_set_header Connection \"\"; } } }\n";
        Path file = Files.writeString(dir.resolve("nginx.conf"), conf);
        nginx = new ProcessBuilder(NGINX.toString(), "-p", d, "-c", file.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx.out").toFile()).start();
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!accepts(nginxPort)) {
            if (System.nanoTime() > until || !nginx.isAlive()) {
                throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("nginx.out")));
            }
            Thread.sleep(50);
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(5, TimeUnit.SECONDS);
        }
        if (gateway != null) {
            gateway.close();
        }
        if (behindNginx != null) {
            behindNginx.close();
        }
    }

    /** One payload's outcome: the status and how many requests the upstream got. */
    private record Outcome(int status, int forwarded) {
        boolean accepted() {
            return status < 300;
        }
    }

    private static Outcome send(int port, RawUpstream upstream, String payload) throws InterruptedException {
        upstream.clear();
        int status;
        try (RawClient client = new RawClient(port)) {
            status = client.send(payload).read().status();
        }
        Thread.sleep(100);
        return new Outcome(status, upstream.received().size());
    }

    @Test
    void nginxAndTheGatewayAgreeOnEveryContentLengthAndTransferEncodingCase() throws Exception {
        Map<String, String> disagreements = new LinkedHashMap<>();
        List<String> table = new ArrayList<>();
        for (FramingCorpus.Case c : FramingCorpus.cases()) {
            if (!c.framingClass()) {
                continue;
            }
            Outcome n = send(nginxPort, behindNginx, c.payload());
            Outcome t = send(gateway.port(), gateway.upstream, c.payload());
            table.add(String.format("%-45s nginx %d (%d upstream)   tollgate %d (%d upstream)", c.name(), n.status(),
                    n.forwarded(), t.status(), t.forwarded()));
            assertThat(t.forwarded()).as("tollgate forwarded for " + c.name()).isLessThanOrEqualTo(1);
            assertThat(n.forwarded()).as("nginx forwarded for " + c.name()).isLessThanOrEqualTo(1);
            if (n.accepted() != t.accepted()) {
                disagreements.put(c.name(), "nginx " + n.status() + ", tollgate " + t.status());
            }
        }
        System.out.println("CL/TE differential, nginx " + version() + ":\n  " + String.join("\n  ", table));
        assertThat(disagreements.keySet()).as("disagreements: " + disagreements).isEqualTo(KNOWN.keySet());
    }

    private static String version() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(NGINX.toString(), "-v").redirectErrorStream(true).start();
        p.waitFor(5, TimeUnit.SECONDS);
        return new String(p.getInputStream().readAllBytes()).strip();
    }
}
