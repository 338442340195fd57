package io.tollgate.gateway.policy.caching;

import io.tollgate.gateway.credentials.AppCredentials;
import io.tollgate.gateway.meter.Authorization;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meter's last answer per key, at most {@code capacity} keys: when full, a new key replaces an
 * arbitrary old one (no ordering to maintain, so remembering is a lock-free map write). Only changes
 * are written: a key whose answer stays the same costs one read.
 */
final class LastAnswers<K> {
    private final Map<K, Authorization> answers = new ConcurrentHashMap<>();
    private final int capacity;

    LastAnswers(int capacity) {
        this.capacity = capacity;
    }

    Authorization get(K key) {
        return answers.get(key);
    }

    void put(K key, Authorization answer) {
        Authorization old = answers.get(key);
        if (old != null && old.outcome() == answer.outcome() && java.util.Objects.equals(old.reason(), answer.reason())) {
            return;
        }
        if (old == null && answers.size() >= capacity) {
            Iterator<K> any = answers.keySet().iterator();
            if (any.hasNext()) {
                answers.remove(any.next());
            }
        }
        answers.put(key, answer);
    }

    void remove(K key) {
        answers.remove(key);
    }

    int size() {
        return answers.size();
    }

    /** A key of credentials and usage. */
    record Request(AppCredentials credentials, Map<String, Long> usage) {
    }
}
