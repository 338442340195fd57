package io.tollgate.gateway.loader;

import io.tollgate.gateway.image.ProductSource;
import io.tollgate.gateway.local.LocalConfigException;
import io.tollgate.gateway.local.LocalTranslator;
import io.vertx.core.Context;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local mode: a directory of declarative resources (docs/gateway-local-mode.md), translated by the
 * {@link LocalTranslator} into products. Loaded at start, then watched: every poll the names,
 * modification times, sizes and identities of its YAML files are compared; a change (a file created,
 * edited, renamed or deleted) is loaded once the directory has looked the same for one more poll, so an
 * editor's or a tool's several writes make one reload. The directory is one unit: when any file is
 * broken, nothing of the change is applied, one line names the file, resource and field, and the last
 * good configuration keeps serving (reported once per change, not on every poll). File reads and the
 * translation run on the loader's worker.
 */
final class LocalDirLoader extends LoaderBase {
    private static final Logger LOG = LoggerFactory.getLogger(LocalDirLoader.class);
    /** At most this long between polls, whatever the file loader's period: an edit must show within 2 s. */
    private static final long MAX_POLL_MILLIS = 250;

    /** One file's version, without reading it. */
    private record Stamp(String name, Object key, long modified, long size) {
    }

    private final Path dir;
    private final ImageUpdates updates;
    private final WorkerExecutor worker;
    private final LocalTranslator translator;
    private final long pollMillis;
    private final String label;
    /** The directory as last loaded (or attempted), and as seen by the previous poll. */
    private volatile List<Stamp> loaded;
    private volatile List<Stamp> pending;
    private boolean busy;
    private long timer = -1;

    LocalDirLoader(Context context, LoaderSettings settings, ImageUpdates updates, WorkerExecutor worker,
            LocalTranslator translator) {
        super(context);
        this.dir = settings.configDir();
        this.updates = updates;
        this.worker = worker;
        this.translator = translator;
        this.pollMillis = Math.max(10, Math.min(MAX_POLL_MILLIS, settings.tuning().filePoll().toMillis()));
        this.label = "directory " + dir;
    }

    LocalDirLoader start() {
        context.runOnContext(v -> {
            load(true);
            timer = context.owner().setPeriodic(pollMillis, id -> poll());
        });
        return this;
    }

    private void poll() {
        if (closed || busy) {
            return;
        }
        busy = true;
        worker.executeBlocking(this::stamps, true).onComplete(r -> {
            busy = false;
            if (r.failed() || closed) {
                return;
            }
            List<Stamp> now = r.result();
            if (now.equals(loaded)) {
                pending = null;
            } else if (now.equals(pending)) {
                load(false);
            } else {
                pending = now; // changed: wait one poll for the writes to settle
            }
        });
    }

    private void load(boolean first) {
        busy = true;
        worker.executeBlocking(() -> {
            List<Stamp> stamps = stamps();
            List<ProductSource> sources;
            try {
                sources = read();
            } finally {
                loaded = stamps;
                pending = null;
            }
            return sources;
        }, true).compose(sources -> updates.replaceAllOrNothing(sources, label)).onComplete(r -> {
            busy = false;
            if (r.succeeded()) {
                if (!first && firstLoad.future().isComplete()) {
                    LOG.info("{} local configuration {} applied: {} API instances", updates.environment(), dir,
                            r.result().image().byId().size());
                }
                firstLoad.tryComplete();
                return;
            }
            String problem = r.cause() instanceof LoadException ? r.cause().getMessage() : r.cause().toString();
            if (!firstLoad.future().isComplete()) {
                LOG.error("local configuration {} rejected: {}", dir, problem);
                firstLoad.tryFail(new LoadException(dir + ": " + problem));
            } else {
                LOG.error("local configuration {} rejected: {}; the last good configuration keeps serving", dir,
                        problem);
            }
        });
    }

    private List<ProductSource> read() {
        if (!Files.isDirectory(dir)) {
            throw new LoadException("not a directory");
        }
        try {
            return translator.translate(dir);
        } catch (LocalConfigException e) {
            throw new LoadException(e.getMessage());
        }
    }

    private List<Stamp> stamps() {
        List<Stamp> stamps = new ArrayList<>();
        try {
            for (Path file : LocalTranslator.files(dir)) {
                try {
                    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                    stamps.add(new Stamp(file.getFileName().toString(), Objects.requireNonNullElse(a.fileKey(), ""),
                            a.lastModifiedTime().toMillis(), a.size()));
                } catch (IOException e) {
                    stamps.add(new Stamp(file.getFileName().toString(), "", -1, -1));
                }
            }
        } catch (IOException e) {
            return List.of(new Stamp("", "", -1, -1)); // no directory (yet)
        }
        return stamps;
    }

    @Override
    protected void stop() {
        if (timer >= 0) {
            context.owner().cancelTimer(timer);
        }
    }
}
