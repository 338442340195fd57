package io.tollgate.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;

/**
 * Refuses every statement but a query, for engines without read-only transactions (H2). The
 * failure carries SQLState 25006 (read_only_sql_transaction), as PostgreSQL and MariaDB report it.
 */
final class ReadOnlyGuard implements StatementCustomizer {
    static final ReadOnlyGuard INSTANCE = new ReadOnlyGuard();
    private static final Set<String> QUERIES = Set.of("select", "with", "values", "table", "explain", "show");

    private ReadOnlyGuard() {
    }

    @Override
    public void beforeExecution(PreparedStatement statement, StatementContext ctx) throws SQLException {
        String sql = ctx.getRenderedSql().stripLeading();
        int end = 0;
        while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
            end++;
        }
        String keyword = sql.substring(0, end).toLowerCase(Locale.ROOT);
        if (!QUERIES.contains(keyword)) {
            throw new SQLException("cannot execute " + keyword.toUpperCase(Locale.ROOT)
                    + " in a read-only transaction", "25006");
        }
    }
}
