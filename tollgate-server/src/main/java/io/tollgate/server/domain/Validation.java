package io.tollgate.server.domain;

import io.tollgate.common.Errors;
import java.net.URI;
import java.net.URISyntaxException;
import io.tollgate.common.SystemNames;
import io.tollgate.server.http.Fields;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Field checks shared by the domain services; messages follow 3scale's Rails wording. */
public final class Validation {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private Validation() {
    }

    /** A display name and the system name given with it or derived from it. */
    public record Naming(String name, String systemName) {
    }

    /**
     * Reads a required display name ({@code nameField}, at most 255 characters) and its system
     * name: the first non-blank of {@code systemNameFields}, else derived from the name (as 3scale
     * does: "My API" → "my_api"). Problems with either go into {@code errors}.
     */
    public static Naming naming(Fields fields, String nameField, Pattern pattern, Errors errors,
            String... systemNameFields) {
        String name = fields.string(nameField).map(String::trim).orElse(null);
        required(nameField, name, errors);
        maxLength(nameField, name, 255, errors);
        String systemName = null;
        for (String field : systemNameFields.length == 0 ? new String[] {"system_name"} : systemNameFields) {
            systemName = fields.nonBlank(field).map(String::trim).orElse(null);
            if (systemName != null) {
                break;
            }
        }
        if (systemName == null && name != null) {
            systemName = SystemNames.derive(name);
        }
        if (name != null && !name.isBlank()) {
            SystemNames.validate("system_name", systemName, pattern, errors);
        }
        return new Naming(name, systemName);
    }

    public static void required(String field, String value, Errors errors) {
        if (value == null || value.isBlank()) {
            errors.add(field, "can't be blank");
        }
    }

    public static void maxLength(String field, String value, int max, Errors errors) {
        if (value != null && value.length() > max) {
            errors.add(field, "is too long (maximum is " + max + " characters)");
        }
    }

    public static void inList(String field, String value, Collection<String> allowed, Errors errors) {
        if (value != null && !allowed.contains(value)) {
            errors.add(field, "is not included in the list");
        }
    }

    public static void email(String field, String value, Errors errors) {
        if (value != null && !value.isEmpty() && !EMAIL.matcher(value).matches()) {
            errors.add(field, "should look like an email address");
        }
    }

    /** An absolute http(s) URL with a host (and, when {@code allowPath} is false, no path). */
    public static void httpUrl(String field, String value, boolean allowPath, Errors errors) {
        if (value == null || value.isEmpty()) {
            return;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            boolean ok = scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getHost() != null && !uri.getHost().isEmpty();
            if (!ok) {
                errors.add(field, "must be an absolute http:// or https:// URL with a host");
            } else if (!allowPath && uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                    && !uri.getRawPath().equals("/")) {
                errors.add(field, "must not have a path");
            }
        } catch (URISyntaxException e) {
            errors.add(field, "is not a valid URL: " + e.getReason());
        }
    }

    /**
     * An absolute URL whose scheme is one of {@code schemes} (lower case) and which names a host;
     * a path is allowed.
     */
    public static void absoluteUrl(String field, String value, List<String> schemes, Errors errors) {
        if (value == null || value.isEmpty()) {
            return;
        }
        String expected = "must be an absolute URL with a host (" + String.join(", ", schemes) + ")";
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!schemes.contains(scheme) || uri.getHost() == null || uri.getHost().isEmpty()) {
                errors.add(field, expected);
            }
        } catch (URISyntaxException e) {
            errors.add(field, "is not a valid URL: " + e.getReason());
        }
    }
}
