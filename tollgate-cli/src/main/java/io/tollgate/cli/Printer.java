package io.tollgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tollgate.client.Documents;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Prints what a command found: a human table by default, or the entities as JSON or YAML for
 * scripts ({@code -o}), exactly as the admin API gives them.
 */
public final class Printer {
    /** One table column: its header and how to get the cell from an entity. */
    public record Column(String header, Function<JsonNode, String> cell) {
        /** A column showing {@code field} of the entity. */
        public static Column of(String header, String field) {
            return new Column(header, e -> text(e.get(field)));
        }
    }

    private final PrintWriter out;
    private final OutputFormat.Format format;

    public Printer(PrintWriter out, OutputFormat.Format format) {
        this.out = out;
        this.format = format;
    }

    public void list(List<JsonNode> entities, List<Column> columns) {
        if (format != null) {
            ArrayNode array = Documents.JSON.createArrayNode();
            entities.forEach(array::add);
            document(array);
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(columns.stream().map(Column::header).toArray(String[]::new));
        for (JsonNode entity : entities) {
            rows.add(columns.stream().map(c -> c.cell().apply(entity)).toArray(String[]::new));
        }
        int[] widths = new int[columns.size()];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i] + 2));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    /** One entity: as a table of one row, or the document. */
    public void entity(JsonNode entity, List<Column> columns) {
        if (format != null) {
            document(entity);
        } else {
            list(List.of(entity), columns);
        }
    }

    /** A document in the chosen format (YAML when none was chosen). */
    public void document(JsonNode node) {
        out.print(format == OutputFormat.Format.json ? Documents.json(node) + System.lineSeparator()
                : Documents.yaml(node));
        out.flush();
    }

    /** What a write command did: the line for people, or the entity it left for scripts ({@code -o}). */
    public void result(String line, JsonNode entity) {
        if (format == null) {
            message(line);
        } else {
            document(entity);
        }
    }

    /** A line for people: suppressed when a script asked for JSON or YAML, so its stdout stays parseable. */
    public void message(String line) {
        if (format == null) {
            out.println(line);
            out.flush();
        }
    }

    static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "(empty)";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
