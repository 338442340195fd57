package io.tollgate.common;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Derivation and validation of {@code system_name}s, the stable, human-readable references. */
public final class SystemNames {
    /** Products, backends, plans, features: letters, digits, '_' and '-'. */
    public static final Pattern ENTITY = Pattern.compile("[A-Za-z0-9_\\-]+");
    /** Metrics and methods also allow '.', as 3scale does. */
    public static final Pattern METRIC = Pattern.compile("[A-Za-z0-9_\\-.]+");
    public static final int MAX_LENGTH = 255;

    private SystemNames() {
    }

    /** "My Pets API (v2)" becomes "my_pets_api_v2"; a name with no usable character gives "". */
    public static String derive(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        slug = slug.replaceAll("^_+|_+$", "");
        return slug.length() > MAX_LENGTH ? slug.substring(0, MAX_LENGTH) : slug;
    }

    /** Adds an error to {@code errors} when {@code value} does not match {@code pattern}. */
    public static void validate(String field, String value, Pattern pattern, Errors errors) {
        if (value == null || value.isBlank()) {
            errors.add(field, "can't be blank");
        } else if (value.length() > MAX_LENGTH) {
            errors.add(field, "is too long (maximum is " + MAX_LENGTH + " characters)");
        } else if (!pattern.matcher(value).matches()) {
            errors.add(field, "invalid. Only ASCII letters, numbers, dashes and underscores are allowed"
                    + (pattern == METRIC ? " (and dots)" : ""));
        }
    }
}
