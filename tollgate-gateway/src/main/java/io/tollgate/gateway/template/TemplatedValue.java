package io.tollgate.gateway.template;

import io.tollgate.gateway.config.ConfigException;
import io.tollgate.gateway.config.JsonFields;
import io.tollgate.gateway.pipeline.Exchange;
import java.util.List;

/**
 * A configuration value that is either plain text or a Liquid template, as APIcast's
 * {@code value}/{@code value_type} (and {@code name}/{@code name_type}) pairs say. Compiled once per
 * image; a plain value is returned as it is, without looking for tags in it.
 */
public final class TemplatedValue {
    private final String plain;
    private final Template template;

    private TemplatedValue(String plain, Template template) {
        this.plain = plain;
        this.template = template;
    }

    /** A plain value. */
    public static TemplatedValue plain(String text) {
        return new TemplatedValue(text, null);
    }

    /**
     * Reads {@code field} with its type in {@code typeField} ({@code plain}, the default, or
     * {@code liquid}).
     *
     * @param fallback the value when the field is absent (null: absent stays absent, and null is returned)
     * @throws ConfigException naming the field when the type or the template is invalid
     */
    public static TemplatedValue read(JsonFields fields, String field, String typeField, String fallback) {
        String type = fields.oneOf(typeField, "plain", List.of("plain", "liquid"));
        String text = fields.string(field).orElse(fallback);
        if (text == null) {
            return null;
        }
        if (type.equals("plain")) {
            return plain(text);
        }
        try {
            return new TemplatedValue(null, Template.compile(text));
        } catch (ConfigException e) {
            throw e.at(fields.path(field));
        }
    }

    /** Whether the value depends on the request. */
    public boolean isLiquid() {
        return template != null;
    }

    /** The value for this request. */
    public String render(Exchange exchange) {
        return template == null ? plain : template.render(new ExchangeVars(exchange));
    }

    /** The value of a plain text (null for a template). */
    public String plainText() {
        return plain;
    }

    @Override
    public String toString() {
        return template == null ? plain : template.toString();
    }
}
