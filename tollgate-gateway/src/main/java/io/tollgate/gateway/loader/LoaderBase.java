package io.tollgate.gateway.loader;

import io.tollgate.gateway.image.HostLoader;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Optional;

/**
 * What every loader shares: its Vert.x context (all its state is touched there only), the first
 * load's promise, and closing, which runs {@link #stop()} on the context once.
 */
abstract class LoaderBase implements ConfigSource {
    protected final Context context;
    protected final Promise<Void> firstLoad = Promise.promise();
    /** Set on the context; volatile because the lazy loader's request path reads it too. */
    protected volatile boolean closed;

    LoaderBase(Context context) {
        this.context = context;
    }

    @Override
    public Future<Void> firstLoad() {
        return firstLoad.future();
    }

    @Override
    public Optional<HostLoader> hostLoader() {
        return Optional.empty();
    }

    /** Cancels the loader's timers and requests; on the context, after {@link #closed} is set. */
    protected abstract void stop();

    @Override
    public Future<Void> close() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            if (!closed) {
                closed = true;
                stop();
            }
            done.complete();
        });
        return done.future();
    }
}
