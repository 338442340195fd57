package io.tollgate.bench;

import io.tollgate.meter.RedisCounterStore;
import java.lang.reflect.Field;

/**
 * Prints the Lua script {@link RedisCounterStore} runs for authreps that check several counters, so
 * bench/meter.sh can load it and time it with {@code redis-benchmark} alone: the rate Redis sustains for
 * the script when the client is not the limit. The script is package-private in tollgate-meter, hence the reflection; a diagnostic
 * only, it exits with status 2 if the field is gone.
 */
public final class AuthrepScript {
    private AuthrepScript() {
    }

    /** Prints the script to standard output. */
    public static void main(String[] args) {
        try {
            Field script = RedisCounterStore.class.getDeclaredField("SCRIPT");
            script.setAccessible(true);
            System.out.print((String) script.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("authrep-script: cannot read RedisCounterStore.SCRIPT: " + e);
            System.exit(2);
        }
    }
}
