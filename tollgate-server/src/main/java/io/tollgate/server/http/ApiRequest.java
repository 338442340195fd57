package io.tollgate.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.common.TollgateException;
import io.tollgate.store.Page;
import java.util.Map;

/**
 * A parsed admin API request: the caller ({@code null} on {@link Access#anonymous()} routes), the path parameters and the merged query and body
 * parameters (body wins over query, path wins over both, as in Rails).
 *
 * @param baseUrl scheme://host[:port] the client used, for links and Location headers
 */
public record ApiRequest(
        Principal principal,
        String method,
        String path,
        Map<String, String> pathParams,
        ObjectNode params,
        String baseUrl) {

    /** The request path: the route template with its parameters filled in. */
    public String pathWithParams() {
        String filled = path;
        for (Map.Entry<String, String> param : pathParams.entrySet()) {
            filled = filled.replace(":" + param.getKey(), param.getValue());
        }
        return filled;
    }

    /** A numeric id from the path; anything else is "not found", never a 500. */
    public long id(String name) {
        String value = pathParams.get(name);
        if (value == null || value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
            throw TollgateException.notFound();
        }
        return Long.parseLong(value);
    }

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    public Fields fields(String wrapper) {
        return Fields.of(params, wrapper);
    }

    public long accountId() {
        return principal.accountId();
    }

    /**
     * {@code page} (default 1) and {@code per_page} (1..500, default 500); out-of-range or
     * unparsable values fall back to the defaults, as in 3scale. A page number beyond what can be
     * stored is clamped to the last representable page, which is empty: falling back to page 1
     * there would hand a client looping "until a page is short" the first page again.
     */
    public Page page() {
        int maxPage = Integer.MAX_VALUE / Page.MAX_SIZE;
        String page = params.hasNonNull("page") ? params.get("page").asText().trim() : "";
        boolean huge = page.length() > 1 && page.chars().allMatch(Character::isDigit)
                && (page.length() > 18 || Long.parseLong(page) > maxPage);
        int number = huge ? maxPage : intParam("page", 1, maxPage, 1);
        int size = intParam("per_page", 1, Page.MAX_SIZE, Page.MAX_SIZE);
        return new Page(number, size);
    }

    private int intParam(String name, int min, int max, int fallback) {
        if (!params.hasNonNull(name)) {
            return fallback;
        }
        try {
            long value = Long.parseLong(params.get(name).asText().trim());
            return value < min || value > max ? fallback : (int) value;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
