package io.tollgate.gateway.server;

import static io.tollgate.gateway.testing.ProductJson.product;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.gateway.testing.GatewayHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The listener under the Debian tools of reliability.md §5: an {@code h2load} smoke run over h2c
 * (many streams per connection, every answer 2xx) and a {@code slowhttptest} slowloris run against a
 * 2 s header timeout (the service stays available). The product answers for {@code 127.0.0.1}, so
 * the tools need no Host override.
 */
class LoadToolsIT {
    private GatewayHarness gw;
    private io.vertx.core.http.HttpServer upstream;

    @BeforeEach
    void start() {
        gw = GatewayHarness.start(GatewayOptions.builder().accessLog(false).headerTimeout(Duration.ofSeconds(2))
                .build());
        gw.meter.service(7).plan(70, 7).userKeyApp(700, 7, 70, "k").publish();
        // a bare upstream: the recording FakeUpstream is not made for tens of thousands of requests
        upstream = gw.vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(r -> r.response().end("ok"));
        upstream.listen().await();
        gw.load(product(7, "127.0.0.1").apiBackend("http://127.0.0.1:" + upstream.actualPort()).rule("GET", "/", "hits"));
    }

    @AfterEach
    void stop() {
        upstream.close().await();
        gw.close();
    }

    private static String run(List<String> command, int seconds) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(seconds, TimeUnit.SECONDS)).as(command.get(0) + " finished").isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void h2loadOverH2cGetsOnly2xx() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/h2load")), "h2load (nghttp2-client) is not installed");
        String out = run(List.of("h2load", "-n", "20000", "-c", "10", "-m", "50",
                "http://127.0.0.1:" + gw.port() + "/?user_key=k"), 120);
        System.out.println(out);
        assertThat(out).contains("requests: 20000 total, 20000 started, 20000 done, 20000 succeeded")
                .contains("status codes: 20000 2xx");
    }

    @Test
    void slowhttptestSlowlorisLeavesTheServiceAvailable() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/slowhttptest")), "slowhttptest is not installed");
        String out = run(List.of("slowhttptest", "-H", "-c", "300", "-r", "150", "-i", "1", "-l", "12", "-x", "24",
                "-p", "2", "-u", "http://127.0.0.1:" + gw.port() + "/?user_key=k"), 60);
        System.out.println(out);
        String plain = out.replaceAll("\u001b\\[[0-9;]*m", "");
        assertThat(plain).containsPattern("service available:\\s+YES").doesNotContainPattern("service available:\\s+NO")
                .contains("closed:");
    }
}
