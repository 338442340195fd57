package io.tollgate.gateway.policy.urlrewriting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.gateway.config.JsonFields;
import io.tollgate.gateway.config.ProductConfig;
import io.tollgate.gateway.pipeline.Exchange;
import io.tollgate.gateway.policy.Policy;
import io.tollgate.gateway.policy.PolicyContext;
import io.tollgate.gateway.policy.PolicyFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code url_rewriting}: rewrites the request path with {@code commands} ({@code sub}/{@code gsub}
 * regular expressions, applied in order, a {@code break} stopping after a command that changed the
 * path) and then its query string with {@code query_args_commands}, in the rewrite phase. Placed
 * before {@code apicast}, the mapping rules and the credentials see the rewritten request (a
 * {@code user_key} can be added to the query this way); after it, only the upstream does. Each command
 * may be limited to some {@code methods}.
 *
 * <p>A rewritten path always starts with '/', and characters a path cannot carry ('?', '#', spaces,
 * controls) are percent-encoded so that a rewrite cannot change where the query starts.
 */
public final class UrlRewritingPolicy implements Policy {
    private final List<RewriteCommand> commands;
    private final List<QueryArgCommand> queryCommands;

    private UrlRewritingPolicy(List<RewriteCommand> commands, List<QueryArgCommand> queryCommands) {
        this.commands = commands;
        this.queryCommands = queryCommands;
    }

    /** Parses {@code {commands: [...], query_args_commands: [...]}}. */
    public static final class Factory implements PolicyFactory {
        @Override
        public String name() {
            return "url_rewriting";
        }

        @Override
        public Policy create(ObjectNode configuration, ProductConfig product, PolicyContext context) {
            JsonFields config = JsonFields.of(configuration, "");
            List<RewriteCommand> commands = new ArrayList<>();
            for (JsonFields f : config.objects("commands")) {
                commands.add(RewriteCommand.parse(f));
            }
            List<QueryArgCommand> queryCommands = new ArrayList<>();
            for (JsonFields f : config.objects("query_args_commands")) {
                queryCommands.add(QueryArgCommand.parse(f));
            }
            return new UrlRewritingPolicy(List.copyOf(commands), List.copyOf(queryCommands));
        }
    }

    @Override
    public void onRewrite(Exchange ex) {
        String method = ex.method();
        String path = ex.path();
        boolean changed = false;
        for (RewriteCommand c : commands) {
            if (!c.methods().applies(method)) {
                continue;
            }
            String rewritten = c.apply(path);
            if (rewritten != null) {
                changed |= !rewritten.equals(path);
                path = rewritten;
                if (c.stop()) {
                    break;
                }
            }
        }
        if (changed) {
            ex.setPath(safePath(path));
        }
        if (!queryCommands.isEmpty()) {
            QueryString query = QueryString.parse(ex.query());
            for (QueryArgCommand c : queryCommands) {
                if (c.methods().applies(method)) {
                    c.apply(query, ex);
                }
            }
            ex.setQuery(query.text());
        }
        ex.proceed();
    }

    /** The path with a leading '/' and the characters a path cannot carry percent-encoded. */
    static String safePath(String path) {
        StringBuilder out = null;
        for (int i = 0; i < path.length(); ) {
            int c = path.codePointAt(i);
            int width = Character.charCount(c);
            boolean bad = c <= 0x20 || c >= 0x7f || "?#\"<>\\^`{|}".indexOf(c) >= 0;
            if (bad && out == null) {
                out = new StringBuilder(path.length() + 8).append(path, 0, i);
            }
            if (out != null) {
                if (bad) {
                    for (byte b : path.substring(i, i + width).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                        out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
                    }
                } else {
                    out.appendCodePoint(c);
                }
            }
            i += width;
        }
        String safe = out == null ? path : out.toString();
        return safe.startsWith("/") ? safe : "/" + safe;
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
