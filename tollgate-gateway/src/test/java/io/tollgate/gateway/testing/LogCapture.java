package io.tollgate.gateway.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects the log lines written while it is open ({@code LEVEL message}), for tests about logging. */
public final class LogCapture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    private LogCapture() {
        appender.start();
        root.addAppender(appender);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    /** Every line so far, as {@code "ERROR failed to load configuration: …"}. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        // Appending is synchronized on the appender; so is this copy.
        synchronized (appender) {
            for (ILoggingEvent e : appender.list) {
                lines.add(e.getLevel() + " " + e.getFormattedMessage());
            }
        }
        return lines;
    }

    /** The lines that contain {@code text}. */
    public List<String> matching(String text) {
        return lines().stream().filter(l -> l.contains(text)).toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
