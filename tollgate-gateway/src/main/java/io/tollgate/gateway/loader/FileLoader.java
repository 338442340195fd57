package io.tollgate.gateway.loader;

import io.tollgate.gateway.config.ConfigException;
import io.tollgate.gateway.image.ProductSource;
import io.vertx.core.Context;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local configuration file ({@code TOLLGATE_CONFIG_FILE}, {@code {"services":[…]}}; the server's
 * listing and the last good file are read too). Loaded at start, then watched: every poll period its
 * modification time, size and identity are compared, and a changed file is loaded again, as one unit —
 * when any product in it is rejected, or it is not valid JSON, nothing of it is applied, the log says
 * which file and what is wrong, and the previous image keeps serving. A broken file is reported once,
 * not on every poll. File reads run on the loader's worker.
 */
final class FileLoader extends LoaderBase {
    private static final Logger LOG = LoggerFactory.getLogger(FileLoader.class);

    /** What identifies a version of the file without reading it. */
    private record Stamp(Object key, Instant modified, long size) {
        static final Stamp MISSING = new Stamp(null, Instant.EPOCH, -1);
    }

    private final Path file;
    private final ImageUpdates updates;
    private final WorkerExecutor worker;
    private final long pollMillis;
    private final String label;
    /** The version last read (written on the worker, read on the context). */
    private volatile Stamp stamp;
    private boolean checking;
    private long timer = -1;

    FileLoader(Context context, LoaderSettings settings, ImageUpdates updates, WorkerExecutor worker) {
        super(context);
        this.file = settings.configFile();
        this.updates = updates;
        this.worker = worker;
        this.pollMillis = Math.max(10, settings.tuning().filePoll().toMillis());
        this.label = "file " + file;
    }

    FileLoader start() {
        context.runOnContext(v -> {
            load(true);
            timer = context.owner().setPeriodic(pollMillis, id -> check());
        });
        return this;
    }

    private void check() {
        if (closed || checking) {
            return;
        }
        checking = true;
        worker.executeBlocking(this::stamp, true).onComplete(r -> {
            checking = false;
            if (r.succeeded() && !closed && !r.result().equals(stamp)) {
                load(false);
            }
        });
    }

    private void load(boolean first) {
        checking = true;
        worker.executeBlocking(() -> {
            stamp = stamp();
            return read();
        }, true).compose(sources -> updates.replaceAllOrNothing(sources, label)).onComplete(r -> {
            checking = false;
            if (r.succeeded()) {
                firstLoad.tryComplete();
                return;
            }
            String problem = r.cause() instanceof LoadException ? r.cause().getMessage() : r.cause().toString();
            if (first || !firstLoad.future().isComplete()) {
                LOG.error("failed to load configuration: {}: {}", file, problem);
                firstLoad.tryFail(new LoadException(LoaderSettings.CONFIG_FILE + " " + file + ": " + problem));
            } else {
                LOG.error("failed to load configuration: {}: {}; the previous configuration keeps serving", file,
                        problem);
            }
        });
    }

    private List<ProductSource> read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new LoadException("no such file");
        } catch (IOException e) {
            throw new LoadException("cannot read (" + e + ")");
        }
        try {
            return ProxyConfigsJson.parse(bytes);
        } catch (ConfigException e) {
            throw new LoadException(e.getMessage());
        }
    }

    private Stamp stamp() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(Objects.requireNonNullElse(attributes.fileKey(), ""),
                    attributes.lastModifiedTime().toInstant(), attributes.size());
        } catch (IOException e) {
            return Stamp.MISSING;
        }
    }

    @Override
    protected void stop() {
        if (timer >= 0) {
            context.owner().cancelTimer(timer);
        }
    }
}
