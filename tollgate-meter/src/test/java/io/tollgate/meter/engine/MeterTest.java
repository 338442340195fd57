package io.tollgate.meter.engine;

import static io.tollgate.meter.engine.Fixture.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.meter.Counter;
import io.tollgate.meter.CounterStore;
import io.tollgate.meter.Decision;
import io.tollgate.meter.MemoryCounterStore;
import io.tollgate.meter.MutableClock;
import io.tollgate.meter.Period;
import io.tollgate.meter.RecordingStats;
import io.tollgate.meter.config.LocalMeterConfig;
import io.tollgate.meter.config.MeterLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MeterTest {
    static final Instant T0 = Instant.parse("2026-11-23T10:15:30Z");

    final MutableClock clock = new MutableClock(T0);
    final LocalMeterConfig config = new LocalMeterConfig();
    final RecordingStats stats = new RecordingStats();
    Meter meter = new Meter(config, new MemoryCounterStore(), stats, clock);

    @BeforeEach
    void publish() {
        config.publish(Fixture.snapshot(1, Fixture.defaultLimits()));
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    MeterResponse authrep(String appId, String appKey, Map<String, Long> usage) {
        return await(meter.authrep(call(appId, appKey, usage)));
    }

    static long current(MeterResponse response, String metric) {
        return response.reports().stream().filter(r -> r.metric().equals(metric)).findFirst().orElseThrow()
                .currentValue();
    }

    static MeterErrorCode errorOf(Runnable call) {
        try {
            call.run();
        } catch (MeterException e) {
            return e.code();
        }
        throw new AssertionError("expected a MeterException");
    }

    @Test
    void authrepAdmitsUpToTheLimitAndReportsValuesIncludingThisCall() {
        for (int i = 1; i <= 5; i++) {
            MeterResponse r = authrep("a1", "k1", Map.of("hits", 1L));
            assertThat(r.authorized()).isTrue();
            assertThat(current(r, "hits")).isEqualTo(i);
        }
        MeterResponse denied = authrep("a1", "k1", Map.of("hits", 1L));
        assertThat(denied.authorized()).isFalse();
        assertThat(denied.rejection()).isEqualTo(Rejection.LIMITS_EXCEEDED);
        assertThat(denied.reason()).isEqualTo("usage limits are exceeded");
        assertThat(current(denied, "hits")).isEqualTo(5);
        assertThat(denied.planName()).isEqualTo("Basic");
        assertThat(stats.total(30, 100)).isEqualTo(5);
    }

    @Test
    void reportsCoverEveryLimitInPlanOrderWithTheirWindows() {
        MeterResponse r = authrep("a1", "k1", Map.of("hits", 2L));
        assertThat(r.reports()).extracting(UsageReport::metric, UsageReport::period, UsageReport::maxValue,
                        UsageReport::currentValue)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("hits", Period.MINUTE, 5L, 2L),
                        org.assertj.core.groups.Tuple.tuple("search", Period.HOUR, 3L, 0L),
                        org.assertj.core.groups.Tuple.tuple("list.7", Period.DAY, 2L, 0L),
                        org.assertj.core.groups.Tuple.tuple("blocked", Period.MONTH, 0L, 0L));
        UsageReport minute = r.reports().get(0);
        assertThat(minute.periodStart()).isEqualTo(Instant.parse("2026-11-23T10:15:00Z"));
        assertThat(minute.periodEnd()).isEqualTo(Instant.parse("2026-11-23T10:16:00Z"));
    }

    @Test
    void authorizeChecksWithoutRecording() {
        MeterResponse r = await(meter.authorize(call("a1", "k1", Map.of("hits", 5L))));
        assertThat(r.authorized()).isTrue();
        assertThat(current(r, "hits")).isZero();
        assertThat(await(meter.authorize(call("a1", "k1", Map.of("hits", 6L)))).rejection())
                .isEqualTo(Rejection.LIMITS_EXCEEDED);
        assertThat(authrep("a1", "k1", Map.of("hits", 5L)).authorized()).isTrue();
        assertThat(stats.total(30, 100)).isEqualTo(5);
    }

    @Test
    void everyWindowRollsOverAtItsBoundary() {
        for (Period period : List.of(Period.MINUTE, Period.HOUR, Period.DAY, Period.WEEK, Period.MONTH, Period.YEAR)) {
            config.publish(Fixture.snapshot(2, List.of(new MeterLimit(100, period, 1))));
            Instant start = period.window(T0.plus(Duration.ofDays(800))).start();
            clock.set(start);
            meter = new Meter(config, new MemoryCounterStore(), stats, clock);
            assertThat(authrep("a1", "k1", Map.of("hits", 1L)).authorized()).as(period + " first").isTrue();
            Instant end = period.window(start).end();
            clock.set(end.minusMillis(1));
            assertThat(authrep("a1", "k1", Map.of("hits", 1L)).authorized()).as(period + " last ms").isFalse();
            clock.set(end);
            MeterResponse next = authrep("a1", "k1", Map.of("hits", 1L));
            assertThat(next.authorized()).as(period + " next window").isTrue();
            assertThat(next.reports().get(0).periodStart()).isEqualTo(end);
        }
    }

    @Test
    void weeksStartOnMonday() {
        config.publish(Fixture.snapshot(2, List.of(new MeterLimit(100, Period.WEEK, 1))));
        clock.set(Instant.parse("2026-11-29T23:59:59Z")); // a Sunday
        assertThat(authrep("a1", "k1", Map.of("hits", 1L)).reports().get(0).periodStart())
                .isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        clock.set(Instant.parse("2026-11-30T00:00:00Z")); // Monday
        assertThat(authrep("a1", "k1", Map.of("hits", 1L)).authorized()).isTrue();
    }

    @Test
    void eternityNeverRollsOver() {
        config.publish(Fixture.snapshot(2, List.of(new MeterLimit(100, Period.ETERNITY, 1))));
        assertThat(authrep("a1", "k1", Map.of("hits", 1L)).authorized()).isTrue();
        clock.advance(Duration.ofDays(3650));
        assertThat(authrep("a1", "k1", Map.of("hits", 1L)).authorized()).isFalse();
    }

    @Test
    void methodsRollUpIntoEveryAncestor() {
        MeterResponse r = authrep("a1", "k1", Map.of("list.7", 1L));
        assertThat(current(r, "list.7")).isEqualTo(1);
        assertThat(current(r, "hits")).isEqualTo(1);
        assertThat(stats.total(30, 102)).as("hits.7 in between").isEqualTo(1);
        r = authrep("a1", "k1", Map.of("search", 2L, "hits", 1L));
        assertThat(current(r, "hits")).isEqualTo(4);
        assertThat(current(r, "search")).isEqualTo(2);
    }

    @Test
    void flatUsageCountsOnlyTheNamedMetric() {
        MeterCall flat = new MeterCall(Fixture.TOKEN, null, "10", null, "a1", "k1", null, null,
                Map.of("search", 2L), false, true);
        MeterResponse r = await(meter.authrep(flat));
        assertThat(current(r, "search")).isEqualTo(2);
        assertThat(current(r, "hits")).isZero();
    }

    @Test
    void aLimitOfZeroDisablesTheMetricButNotTheOthers() {
        MeterResponse r = authrep("a1", "k1", Map.of("blocked", 1L));
        assertThat(r.rejection()).isEqualTo(Rejection.LIMITS_EXCEEDED);
        assertThat(authrep("a1", "k1", Map.of("hits", 1L)).authorized()).isTrue();
    }

    @Test
    void onlyTheLimitsOfUsedMetricsDecideWhenUsageIsGiven() {
        authrep("a1", "k1", Map.of("search", 3L));
        assertThat(authrep("a1", "k1", Map.of("search", 1L)).authorized()).isFalse();
        assertThat(authrep("a1", "k1", Map.of("unlimited", 1L)).authorized()).as("search not used").isTrue();
        assertThat(stats.total(30, 104)).isEqualTo(1);
    }

    @Test
    void withoutUsageAnyWindowAlreadyOverItsLimitRefuses() {
        assertThat(await(meter.authorize(call("a1", "k1", Map.of())))).extracting(MeterResponse::authorized)
                .isEqualTo(true);
        await(meter.report(new ReportCall(Fixture.TOKEN, null, "10",
                List.of(new Transaction("a1", null, Map.of("hits", 9L), null)))));
        MeterResponse r = await(meter.authorize(call("a1", "k1", Map.of())));
        assertThat(r.rejection()).isEqualTo(Rejection.LIMITS_EXCEEDED);
        assertThat(r.reports().get(0).exceeded()).isTrue();
        assertThat(current(r, "hits")).isEqualTo(9);
    }

    @Test
    void aSuspendedApplicationIsNotActive() {
        MeterResponse r = authrep("a2", "k1", Map.of("hits", 1L));
        assertThat(r.rejection()).isEqualTo(Rejection.APPLICATION_NOT_ACTIVE);
        assertThat(r.reason()).isEqualTo("application is not active");
        assertThat(stats.total(31, 100)).isZero();
    }

    @Test
    void applicationKeysAreChecked() {
        MeterResponse wrong = authrep("a1", "nope", Map.of("hits", 1L));
        assertThat(wrong.rejection()).isEqualTo(Rejection.APPLICATION_KEY_INVALID);
        assertThat(wrong.reason()).isEqualTo("application key \"nope\" is invalid");
        assertThat(authrep("a1", null, Map.of("hits", 1L)).reason()).isEqualTo("application key is missing");
        assertThat(authrep("a1", "k2", Map.of("hits", 1L)).authorized()).isTrue();
        assertThat(authrep("a3", null, Map.of()).rejection()).as("keyless app, but referrer filters")
                .isEqualTo(Rejection.REFERRER_NOT_ALLOWED);
    }

    @Test
    void referrerFiltersMatchWholeReferrersWithWildcards() {
        assertThat(referrer("api.example.com")).isNull();
        assertThat(referrer("api.test")).isNull();
        assertThat(referrer("*")).as("bypass").isNull();
        assertThat(referrer("api.test.evil.org")).isEqualTo("referrer \"api.test.evil.org\" is not allowed");
        assertThat(referrer("example.com")).isEqualTo("referrer \"example.com\" is not allowed");
        assertThat(referrer(null)).isEqualTo("referrer is missing");
    }

    private String referrer(String referrer) {
        MeterCall c = new MeterCall(Fixture.TOKEN, null, "10", null, "a3", null, referrer, null, Map.of(), false,
                false);
        return await(meter.authorize(c)).reason();
    }

    @Test
    void credentialErrorsUseApisonatorsCodesAndTexts() {
        assertThat(errorOf(() -> authrep("zz", "k1", Map.of()))).isEqualTo(MeterErrorCode.APPLICATION_NOT_FOUND);
        assertThatThrownBy(() -> authrep("zz", "k1", Map.of())).hasMessage("application with id=\"zz\" was not found");
        MeterCall badUserKey = new MeterCall(null, null, null, "nope", null, null, null, null, Map.of(), false, false);
        assertThatThrownBy(() -> await(meter.authrep(withToken(badUserKey, "st11", "11"))))
                .hasMessage("user key \"nope\" is invalid")
                .extracting(e -> ((MeterException) e).code()).isEqualTo(MeterErrorCode.USER_KEY_INVALID);
        MeterCall both = new MeterCall(Fixture.TOKEN, null, "10", "uk", "a1", null, null, null, Map.of(), false, false);
        assertThat(errorOf(() -> await(meter.authrep(both)))).isEqualTo(MeterErrorCode.AUTHENTICATION_ERROR);
        assertThat(errorOf(() -> authrep("a1", "k1", Map.of("nothing", 1L)))).isEqualTo(MeterErrorCode.METRIC_INVALID);
        assertThatThrownBy(() -> authrep("a1", "k1", Map.of("nothing", 1L))).hasMessage("metric \"nothing\" is invalid");
    }

    @Test
    void serviceAuthenticationFollowsApisonator() {
        MeterCall noService = new MeterCall(Fixture.TOKEN, null, null, null, "a1", "k1", null, null, Map.of(), false,
                false);
        assertThat(errorOf(() -> await(meter.authrep(noService)))).isEqualTo(MeterErrorCode.SERVICE_ID_MISSING);
        assertThat(MeterErrorCode.SERVICE_ID_MISSING.status()).isEqualTo(422);
        MeterCall badToken = new MeterCall("bad", null, "10", null, "a1", "k1", null, null, Map.of(), false, false);
        assertThatThrownBy(() -> await(meter.authrep(badToken)))
                .hasMessage("service token \"bad\" or service id \"10\" is invalid");
        MeterCall otherService = new MeterCall(Fixture.TOKEN, null, "11", null, "a1", "k1", null, null, Map.of(),
                false, false);
        assertThat(errorOf(() -> await(meter.authrep(otherService)))).isEqualTo(MeterErrorCode.SERVICE_TOKEN_INVALID);
        MeterCall none = new MeterCall(null, null, "10", null, "a1", "k1", null, null, Map.of(), false, false);
        assertThat(errorOf(() -> await(meter.authrep(none))))
                .isEqualTo(MeterErrorCode.PROVIDER_KEY_OR_SERVICE_TOKEN_REQUIRED);
        MeterCall providerDefault = new MeterCall(null, Fixture.PROVIDER_KEY, null, null, "a1", "k1", null, null,
                Map.of("hits", 1L), false, false);
        assertThat(await(meter.authrep(providerDefault)).authorized()).as("default service").isTrue();
        MeterCall badKey = new MeterCall(null, "wrong", null, null, "a1", "k1", null, null, Map.of(), false, false);
        assertThatThrownBy(() -> await(meter.authrep(badKey))).hasMessage("provider key \"wrong\" is invalid");
        MeterCall foreignService = new MeterCall(null, Fixture.PROVIDER_KEY, "999", null, "a1", "k1", null, null,
                Map.of(), false, false);
        assertThatThrownBy(() -> await(meter.authrep(foreignService))).hasMessage("service id \"999\" is invalid");
    }

    @Test
    void userKeyApplicationsOfBackendVersionOne() {
        MeterCall byUserKey = withToken(new MeterCall(null, null, null, "uk", null, "ignored-key", null, null,
                Map.of("hits", 1L), false, false), "st11", "11");
        MeterResponse r = await(meter.authrep(byUserKey));
        assertThat(r.authorized()).isTrue();
        assertThat(r.planName()).isEqualTo("Gold");
        assertThat(current(r, "hits")).isEqualTo(1);
    }

    @Test
    void oauthCallsCheckTheSettingKeyAndRedirect() {
        MeterCall oauth = new MeterCall(Fixture.TOKEN, null, "10", null, "a1", null, null, "https://other.example",
                Map.of(), true, false);
        assertThat(await(meter.authorize(oauth)).rejection()).as("service is app_id/app_key")
                .isEqualTo(Rejection.OAUTH_NOT_ENABLED);
        var snapshot = Fixture.snapshot(3, Fixture.defaultLimits());
        var services = new java.util.ArrayList<>(snapshot.services());
        var s = services.get(0);
        services.set(0, new io.tollgate.meter.config.MeterService(s.id(), s.tenantId(), "oidc", true,
                s.serviceTokenDigests(), false, s.metrics()));
        config.publish(new io.tollgate.meter.config.MeterSnapshot(3, snapshot.tenants(), services, snapshot.plans(),
                snapshot.apps()));
        MeterResponse wrongRedirect = await(meter.authorize(oauth));
        assertThat(wrongRedirect.rejection()).isEqualTo(Rejection.REDIRECT_URL_INVALID);
        assertThat(wrongRedirect.reason()).isEqualTo("redirect_url \"https://other.example\" is invalid");
        MeterCall right = new MeterCall(Fixture.TOKEN, null, "10", null, "a1", null, null, "https://cb.example",
                Map.of("hits", 1L), true, false, true);
        assertThat(await(meter.authrep(right)).authorized()).isTrue();
        MeterCall noAppId = new MeterCall(Fixture.TOKEN, null, "10", "uk", null, null, null, null, Map.of(), true,
                false);
        assertThatThrownBy(() -> await(meter.authorize(noAppId))).hasMessage("application with id=\"\" was not found");
    }

    @Test
    void reportRecordsWithoutCheckingAndIsAllOrNothing() {
        ReportCall bad = new ReportCall(Fixture.TOKEN, null, "10", List.of(
                new Transaction("a1", null, Map.of("hits", 3L), null),
                new Transaction("missing", null, Map.of("hits", 3L), null)));
        assertThat(errorOf(() -> await(meter.report(bad)))).isEqualTo(MeterErrorCode.APPLICATION_NOT_FOUND);
        assertThat(current(await(meter.authorize(call("a1", "k1", Map.of()))), "hits")).as("nothing recorded").isZero();

        ReportCall tooOld = new ReportCall(Fixture.TOKEN, null, "10", List.of(
                new Transaction("a1", null, Map.of("hits", 3L), T0.minus(Duration.ofHours(25)))));
        assertThatThrownBy(() -> await(meter.report(tooOld)))
                .hasMessage("reporting transactions older than 86400 seconds is not allowed");
        ReportCall tooNew = new ReportCall(Fixture.TOKEN, null, "10", List.of(
                new Transaction("a1", null, Map.of("hits", 3L), T0.plus(Duration.ofHours(2)))));
        assertThat(errorOf(() -> await(meter.report(tooNew)))).isEqualTo(MeterErrorCode.TRANSACTION_TIMESTAMP_TOO_NEW);

        await(meter.report(new ReportCall(Fixture.TOKEN, null, "10", List.of(
                new Transaction("a1", null, Map.of("hits", 4L), null),
                new Transaction("a1", null, Map.of("search", 4L), T0.minus(Duration.ofMinutes(1))),
                new Transaction("a3", null, Map.of("hits", 1L), null)))));
        MeterResponse after = await(meter.authorize(call("a1", "k1", Map.of())));
        assertThat(current(after, "hits")).as("the minute-old one counts in the previous minute").isEqualTo(4);
        assertThat(current(after, "search")).isEqualTo(4);
        assertThat(after.reports().get(1).exceeded()).isTrue();
        assertThat(stats.total(30, 100)).isEqualTo(8);
        assertThat(stats.total(32, 100)).isEqualTo(1);
    }

    @Test
    void aConfigurationChangeAppliesToTheNextCall() {
        assertThat(authrep("a1", "k1", Map.of("hits", 5L)).authorized()).isTrue();
        config.publish(Fixture.snapshot(2, List.of(new MeterLimit(100, Period.MINUTE, 10))));
        assertThat(authrep("a1", "k1", Map.of("hits", 5L)).authorized()).isTrue();
        assertThat(authrep("a1", "k1", Map.of("hits", 1L)).authorized()).isFalse();
    }

    @Test
    void aFailingStoreIsStoreUnavailable() {
        CounterStore broken = new CounterStore() {
            @Override
            public Decision authrep(List<Counter> counters, Instant now) {
                throw new IllegalStateException("down");
            }

            @Override
            public Map<String, Long> read(List<Counter> counters, Instant now) {
                throw new IllegalStateException("down");
            }

            @Override
            public CompletionStage<Decision> authrepAsync(List<Counter> counters, Instant now) {
                return CompletableFuture.failedFuture(new IllegalStateException("down"));
            }
        };
        meter = new Meter(config, broken, stats, clock);
        assertThat(errorOf(() -> authrep("a1", "k1", Map.of("hits", 1L)))).isEqualTo(MeterErrorCode.STORE_UNAVAILABLE);
        assertThat(stats.total(30, 100)).isZero();
    }

    private static MeterCall withToken(MeterCall c, String token, String serviceId) {
        return new MeterCall(token, c.providerKey(), serviceId, c.userKey(), c.appId(), c.appKey(), c.referrer(),
                c.redirectUrl(), c.usage(), c.oauth(), c.flatUsage());
    }
}
