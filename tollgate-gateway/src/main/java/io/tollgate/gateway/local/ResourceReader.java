package io.tollgate.gateway.local;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the resources of a local-mode directory: every {@code *.yaml} and {@code *.yml} file directly in it
 * (not hidden ones, not subdirectories), in name order, each holding one or more resources separated by
 * {@code ---}. Each resource must be {@code apiVersion: gateway.tollgate.dev/v1alpha1} with a known kind
 * and a {@code metadata.name}; a name given twice for one kind and namespace is refused naming both files.
 * {@code $NAME} and {@code ${NAME}} in any string value are replaced by the environment variable's value
 * ({@code $$} is a literal {@code $}); an undefined variable is an error naming the file, the resource,
 * the field and the variable. Parse errors name the line and column, never a piece of the file (which
 * may hold passwords).
 */
final class ResourceReader {
    static final String API_VERSION = "gateway.tollgate.dev/v1alpha1";
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final Pattern VARIABLE = Pattern.compile("\\$(\\$|\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))");
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder().build()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

    private final Function<String, String> env;

    /** @param env the environment variables ({@code System::getenv}) */
    ResourceReader(Function<String, String> env) {
        this.env = env;
    }

    /** The files a directory's configuration consists of, in the order they are read. */
    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> {
                String name = p.getFileName().toString();
                return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"))
                        && Files.isRegularFile(p);
            }).sorted().toList();
        }
    }

    /** Every resource of the directory. */
    List<Resource> read(Path dir) {
        List<Resource> all = new ArrayList<>();
        Map<String, Resource> byKey = new HashMap<>();
        List<Path> files;
        try {
            files = files(dir);
        } catch (IOException e) {
            throw new LocalConfigException(dir + ": cannot list the directory (" + e.getMessage() + ")");
        }
        for (Path file : files) {
            for (Resource r : readFile(file)) {
                Resource twin = byKey.putIfAbsent(r.kind() + "/" + r.namespace() + "/" + r.name(), r);
                if (twin != null) {
                    throw new LocalConfigException(r.where() + ": metadata.name: already declared in " + twin.file());
                }
                all.add(r);
            }
        }
        return all;
    }

    /** The resources of one file. */
    List<Resource> readFile(Path path) {
        String file = path.getFileName().toString();
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(Files.readAllBytes(path))) {
            while (it.hasNextValue()) {
                documents.add(it.nextValue());
            }
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw new LocalConfigException(file + ": not valid YAML" + at + ": " + firstLine(e.getOriginalMessage()));
        } catch (java.nio.file.NoSuchFileException e) {
            return List.of(); // deleted while the directory was read; the next poll sees it gone
        } catch (IOException e) {
            throw new LocalConfigException(file + ": cannot read (" + e.getMessage() + ")");
        }
        List<Resource> resources = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            JsonNode doc = documents.get(i);
            if (doc == null || doc.isNull() || doc.isMissingNode()) {
                continue; // an empty document (a trailing ---)
            }
            resources.add(resource(file, i + 1, doc));
        }
        return resources;
    }

    private Resource resource(String file, int index, JsonNode doc) {
        String unnamed = file + ": resource " + index;
        if (!doc.isObject()) {
            throw new LocalConfigException(unnamed + ": " + Node.type(doc) + " (expected: a resource with apiVersion,"
                    + " kind, metadata and spec)");
        }
        Node root = Node.of(doc, "", unnamed).only("apiVersion", "kind", "metadata", "spec");
        String apiVersion = root.get("apiVersion").string().orElseThrow(() -> root.get("apiVersion")
                .fail("missing (expected: " + API_VERSION + ")"));
        if (!API_VERSION.equals(apiVersion)) {
            throw root.get("apiVersion").fail(Node.quote(apiVersion) + " (expected: " + API_VERSION + ")");
        }
        String kindName = root.get("kind").requiredString();
        Resource.Kind kind;
        try {
            kind = Resource.Kind.valueOf(kindName);
        } catch (IllegalArgumentException e) {
            throw root.get("kind").fail(Node.quote(kindName) + " (expected: one of ApiInstance, Service, "
                    + "PolicyBinding, Configuration)");
        }
        Node metadata = root.get("metadata").only("name", "namespace", "labels", "annotations");
        String name = name(metadata.get("name"), true);
        String namespace = metadata.has("namespace") ? name(metadata.get("namespace"), false)
                : Resource.DEFAULT_NAMESPACE;
        String where = Resource.where(file, kind, namespace, name);
        JsonNode spec = doc.get("spec");
        if (spec == null || spec.isNull()) {
            throw Node.of(null, "spec", where).fail("missing");
        }
        JsonNode substituted = substitute(spec.deepCopy(), "spec", where);
        return new Resource(file, kind, namespace, name, Node.of(substituted, "spec", where));
    }

    private static String name(Node node, boolean required) {
        String value = required ? node.requiredString() : node.string().orElse(Resource.DEFAULT_NAMESPACE);
        if (!NAME.matcher(value).matches()) {
            throw node.fail(Node.quote(value) + " (expected: lower-case letters, digits, '-' and '.', starting and "
                    + "ending with a letter or digit)");
        }
        return value;
    }

    /** Replaces {@code $VAR}/{@code ${VAR}} in every string below {@code node}. */
    private JsonNode substitute(JsonNode node, String path, String where) {
        if (node.isTextual()) {
            return TextNode.valueOf(expand(node.asText(), path, where));
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, substitute(node.get(i), path + "[" + i
                        + "]", where));
            }
        } else if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (Iterator<Entry<String, JsonNode>> it = object.properties().iterator(); it.hasNext();) {
                Entry<String, JsonNode> e = it.next();
                e.setValue(substitute(e.getValue(), path + "." + e.getKey(), where));
            }
        }
        return node;
    }

    private String expand(String text, String path, String where) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String variable = m.group(2) != null ? m.group(2) : m.group(3);
            String value;
            if (variable == null) {
                value = "$";
            } else {
                value = env.apply(variable);
                if (value == null) {
                    throw new LocalConfigException(where + ": " + path + ": environment variable " + variable
                            + " is not defined");
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
