package io.tollgate.gateway.policy.ratelimit;

import io.vertx.core.Future;

/**
 * Where a {@code rate_limit} policy counts: this process's memory or a shared Redis. One call checks
 * every limiter that applies to a request and counts the request in all of them, or in none when
 * one refuses (so a refused request never uses up another limiter's quota).
 */
interface LimiterStore {

    /**
     * @param limiters the limiters that apply to the request
     * @param keys their keys for this request (same order)
     * @param nowMillis the time of the request (the policy's clock)
     * @return the verdict; a failed future when the store cannot answer (Redis down)
     */
    Future<Verdict> acquire(Limiter[] limiters, String[] keys, long nowMillis);
}
