package io.tollgate.meter;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that kill, pause or flush Redis: they get their own redis-server (never the
 * shared one) and a Vert.x instance for the class, and the server is running again before each test.
 */
abstract class OwnRedisTest {
    static OwnRedisServer server;
    static Vertx vertx;

    @BeforeAll
    static void startServer() throws Exception {
        server = OwnRedisServer.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (vertx != null) {
            vertx.close().await();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void restartIfStopped() throws Exception {
        server.ensureRunning();
    }
}
