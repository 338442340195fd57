package io.tollgate.server.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the admin API tests that share one running platform per test class: a fresh in-memory
 * database, the default tenant's admin client and fixtures.
 */
public abstract class PlatformTest {
    protected static TestPlatform platform;
    protected static ApiClient admin;
    protected static AdminFixtures fixtures;

    @BeforeAll
    static void startPlatform() {
        platform = TestPlatform.start();
        admin = platform.admin();
        fixtures = new AdminFixtures(admin);
    }

    @AfterAll
    static void stopPlatform() {
        platform.close();
    }
}
