package io.tollgate.gateway.upstream;

import static io.tollgate.gateway.testing.ProductJson.product;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.gateway.server.GatewayOptions;
import io.tollgate.gateway.testing.GatewayHarness;
import io.tollgate.gateway.testing.RawClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bodies stream with back-pressure both ways (reliability.md C4): a slow upstream slows the client's
 * upload, a slow client slows the upstream's download, and a 1 GiB upload passes with the old
 * generation of the heap growing by less than 64 MiB.
 */
class StreamingTest {
    private static final String HOST = "files.example.com";
    private static final long GIB = 1024L * 1024 * 1024;
    private static final int MIB = 1024 * 1024;
    private GatewayHarness gw;
    private HttpServer upstream;
    private final AtomicLong upstreamBytes = new AtomicLong();
    private volatile boolean slowUpstream;

    @BeforeEach
    void start() {
        gw = GatewayHarness.start(GatewayOptions.builder().accessLog(false).maxBodyBytes(2 * GIB).build());
        upstream = gw.vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(request -> {
                    if (request.path().equals("/download")) {
                        download(request.response());
                        return;
                    }
                    request.handler(chunk -> {
                        upstreamBytes.addAndGet(chunk.length());
                        if (slowUpstream) {
                            // read about 8 MiB a second
                            request.pause();
                            gw.vertx.setTimer(Math.max(1, chunk.length() / (8 * 1024)), t -> request.resume());
                        }
                    });
                    request.endHandler(v -> request.response().end(Long.toString(upstreamBytes.get())));
                });
        upstream.listen().await();
        gw.meter.service(7).plan(70, 7).userKeyApp(700, 7, 70, "k").publish();
        gw.load(product(7, HOST).apiBackend("http://127.0.0.1:" + upstream.actualPort()).rule("POST", "/", "hits")
                .rule("GET", "/", "hits"));
    }

    /** 512 MiB as fast as the client lets it go. */
    private void download(io.vertx.core.http.HttpServerResponse response) {
        Buffer chunk = Buffer.buffer(new byte[MIB]);
        response.putHeader("Content-Length", Long.toString(512L * MIB));
        long[] sent = {0};
        Runnable[] pump = new Runnable[1];
        pump[0] = () -> {
            while (sent[0] < 512L * MIB && !response.writeQueueFull()) {
                response.write(chunk);
                sent[0] += MIB;
                upstreamBytes.addAndGet(MIB);
            }
            if (sent[0] >= 512L * MIB) {
                response.end();
            } else {
                response.drainHandler(v -> pump[0].run());
            }
        };
        pump[0].run();
    }

    @AfterEach
    void stop() {
        upstream.close().await();
        gw.close();
    }

    @Test
    void aSlowUpstreamSlowsTheUpload() throws Exception {
        slowUpstream = true;
        AtomicLong written = new AtomicLong();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), gw.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /?user_key=k HTTP/1.1\r\nHost: " + HOST + "\r\nContent-Length: " + (256L * MIB) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Thread writer = Thread.ofVirtual().start(() -> {
                byte[] chunk = new byte[64 * 1024];
                try {
                    for (long n = 0; n < 256L * MIB; n += chunk.length) {
                        out.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                } catch (java.io.IOException e) {
                    // closed at the end of the test
                }
            });
            Thread.sleep(3000);
            // at ~8 MiB/s the upstream took ~24 MiB; what the client got rid of beyond that sits in
            // socket buffers and one write queue, not in a gateway-side copy of the body
            assertThat(written.get()).as("bytes the client could write in 3 s").isLessThan(64L * MIB);
            assertThat(written.get() - upstreamBytes.get()).as("bytes in flight").isLessThan(32L * MIB);
            writer.interrupt();
        }
    }

    @Test
    void aSlowClientSlowsTheDownload() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), gw.port())) {
            s.getOutputStream().write(("GET /download?user_key=k HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] buf = new byte[16 * 1024];
            long read = 0;
            long until = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < until) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                read += n;
                Thread.sleep(2); // ~8 MiB/s at most
            }
            assertThat(upstreamBytes.get() - read).as("bytes the upstream sent that the client has not read")
                    .isLessThan(48L * MIB);
            assertThat(upstreamBytes.get()).isLessThan(128L * MIB);
        }
    }

    @Test
    void aOneGibibyteUploadStreamsWithBoundedMemory() throws Exception {
        List<MemoryPoolMXBean> oldGen = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && (p.getName().contains("Old") || p.getName().contains("Tenured")))
                .toList();
        System.gc();
        long before = oldGen.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        oldGen.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        try (RawClient client = new RawClient(gw.port())) {
            client.timeout(60_000);
            client.send("POST /?user_key=k HTTP/1.1\r\nHost: " + HOST + "\r\nContent-Length: " + GIB + "\r\n\r\n");
            byte[] chunk = new byte[MIB];
            for (long n = 0; n < GIB; n += MIB) {
                client.send(chunk);
            }
            RawClient.Answer answer = client.read();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo(Long.toString(GIB));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = oldGen.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("1 GiB upload through the gateway: %.1f s (%.0f MiB/s), old generation %d → peak %d MiB%n",
                seconds, 1024 / seconds, before / MIB, peak / MIB);
        assertThat(peak - before).as("old generation growth").isLessThan(64L * MIB);
        Awaitility.await().until(() -> upstreamBytes.get() == GIB);
    }
}
