package io.tollgate.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisSettingsTest {

    @Test
    void defaultsToOneStandaloneServerAndFiftyMilliseconds() {
        RedisSettings s = RedisSettings.parse("redis://10.0.0.5:6379/2", null, "", " ");
        assertThat(s.endpoints()).containsExactly("redis://10.0.0.5:6379/2");
        assertThat(s.type()).isEqualTo(RedisSettings.Type.STANDALONE);
        assertThat(s.timeout()).isEqualTo(Duration.ofMillis(50));
        RedisOptions options = s.toRedisOptions();
        assertThat(options.getType()).isEqualTo(RedisClientType.STANDALONE);
        assertThat(options.getEndpoints()).containsExactly("redis://10.0.0.5:6379/2");
        assertThat(options.getMaxPoolSize()).isEqualTo(RedisSettings.DEFAULT_POOL_SIZE);
    }

    @Test
    void sentinelAsksTheSentinelsForTheMaster() {
        RedisSettings s = RedisSettings.parse("redis://s1:26379, redis://s2:26379,redis://s3:26379", "Sentinel",
                "mymaster", "80");
        RedisOptions options = s.toRedisOptions();
        assertThat(options.getType()).isEqualTo(RedisClientType.SENTINEL);
        assertThat(options.getEndpoints()).containsExactly("redis://s1:26379", "redis://s2:26379", "redis://s3:26379");
        assertThat(options.getMasterName()).isEqualTo("mymaster");
        assertThat(options.getRole()).isEqualTo(RedisRole.MASTER);
        assertThat(s.timeout()).isEqualTo(Duration.ofMillis(80));
    }

    @Test
    void clusterUsesEverySeedNode() {
        RedisSettings s = RedisSettings.parse("redis://c1:7000,rediss://c2:7001", "cluster", null, null);
        assertThat(s.toRedisOptions().getType()).isEqualTo(RedisClientType.CLUSTER);
        assertThat(s.toRedisOptions().getEndpoints()).containsExactly("redis://c1:7000", "rediss://c2:7001");
    }

    @Test
    void rejectsBadValuesNamingTheVariable() {
        assertThatThrownBy(() -> RedisSettings.parse(" ", null, null, null))
                .hasMessageStartingWith("TOLLGATE_REDIS_URL: not set (expected: redis://");
        assertThatThrownBy(() -> RedisSettings.parse("http://:pw@h:1", null, null, null))
                .hasMessageStartingWith("TOLLGATE_REDIS_URL: http://***@h:1 (expected: redis://");
        assertThatThrownBy(() -> RedisSettings.parse("redis://a:1,,redis://b:2", "cluster", null, null))
                .hasMessageContaining("has an empty entry");
        assertThatThrownBy(() -> RedisSettings.parse("redis://a:1,redis://b:2", null, null, null))
                .hasMessage("TOLLGATE_REDIS_URL: 2 URLs with TOLLGATE_REDIS_TYPE=standalone"
                        + " (expected: one; several are for sentinel or cluster)");
        assertThatThrownBy(() -> RedisSettings.parse("redis://a:1", "replica", null, null))
                .hasMessage("TOLLGATE_REDIS_TYPE: replica (expected: standalone, sentinel or cluster)");
        assertThatThrownBy(() -> RedisSettings.parse("redis://a:26379", "sentinel", "", null))
                .hasMessageStartingWith("TOLLGATE_REDIS_MASTER_NAME: not set");
        assertThatThrownBy(() -> RedisSettings.parse("redis://a:1", "standalone", "mymaster", null))
                .hasMessage("TOLLGATE_REDIS_MASTER_NAME: mymaster"
                        + " (expected: unset unless TOLLGATE_REDIS_TYPE=sentinel)");
        for (String bad : List.of("0", "-5", "1.5", "50ms", "60001")) {
            assertThatThrownBy(() -> RedisSettings.parse("redis://a:1", null, null, bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("TOLLGATE_STORE_TIMEOUT_MS: " + bad
                            + " (expected: a whole number of milliseconds, 1..60000)");
        }
    }

    @Test
    void neverShowsAPassword() {
        RedisSettings s = RedisSettings.parse("redis://user:hunter2@10.0.0.5:6379", null, null, null);
        assertThat(s.toString()).doesNotContain("hunter2").contains("redis://***@10.0.0.5:6379");
        assertThat(RedisSettings.redact("Connection to redis://:pw@h:1 and rediss://u:p@h2:2/0 failed"))
                .isEqualTo("Connection to redis://***@h:1 and rediss://***@h2:2/0 failed");
        assertThat(RedisSettings.redact("redis://h:1/0")).isEqualTo("redis://h:1/0");
        assertThatThrownBy(() -> RedisSettings.parse("redis://:hunter2@bad host:1", null, null, null))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void recordChecksItsFields() {
        assertThatThrownBy(() -> new RedisSettings(List.of("redis://a:1"), RedisSettings.Type.STANDALONE, "", 0,
                Duration.ofMillis(50))).hasMessage("poolSize: 0 (expected: >= 1)");
        assertThatThrownBy(() -> new RedisSettings(List.of(), RedisSettings.Type.CLUSTER, "", 8,
                Duration.ofMillis(50))).hasMessageStartingWith("endpoints: []");
        assertThatThrownBy(() -> new RedisSettings(List.of("redis://a:1"), RedisSettings.Type.STANDALONE, "", 8,
                Duration.ZERO)).hasMessageStartingWith("timeout: PT0S");
    }
}
