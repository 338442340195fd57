package io.tollgate.server.gateway;

import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The tests of one class share a {@link GatewayPlatform}; each test starts with the clock at now. */
abstract class GatewayPlatformTest {
    protected static GatewayPlatform platform;

    @BeforeAll
    static void startPlatform() {
        platform = new GatewayPlatform(GatewayPlatform.settings());
    }

    @AfterAll
    static void stopPlatform() {
        platform.close();
    }

    @BeforeEach
    void resetClock() {
        platform.clock.set(Instant.now());
    }
}
