package io.tollgate.gateway.credentials;

import io.tollgate.gateway.testing.GatewayHarness;
import io.tollgate.gateway.testing.RawClient;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One client request of the end-to-end credentials tests: method, URI, headers and an optional
 * form-encoded body. It is sent over a raw socket, one connection each ({@code Connection: close}),
 * so what the tests see is exactly what the gateway wrote: the harness's pooled Vert.x client was
 * seen to hand back an empty body (with the right {@code Content-Length}) for about one in two
 * hundred responses on a reused connection, where a raw socket never did.
 */
record Call(HttpMethod method, String uri, Map<String, String> headers, String form) {
    static final String FORM = "application/x-www-form-urlencoded";

    static Call get(String uri) {
        return new Call(HttpMethod.GET, uri, Map.of(), null);
    }

    /** A GET with one header. */
    static Call get(String uri, String header, String value) {
        return get(uri).with(header, value);
    }

    /** A GET with {@code Authorization: Basic base64(userPass)}. */
    static Call basic(String uri, String userPass) {
        return get(uri, "Authorization", "Basic " + FakeRequest.base64(userPass));
    }

    /** A POST with a form-encoded body. */
    static Call post(String uri, String form) {
        return new Call(HttpMethod.POST, uri, Map.of("Content-Type", FORM), form);
    }

    /** This call with one more header. */
    Call with(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new Call(method, uri, more, form);
    }

    /** This call with {@code placeholder} replaced by {@code value} in its URI, header values and body. */
    Call replace(String placeholder, String value) {
        Map<String, String> filled = new LinkedHashMap<>();
        headers.forEach((name, v) -> filled.put(name, v.replace(placeholder, value)));
        return new Call(method, uri.replace(placeholder, value), filled, form == null ? null
                : form.replace(placeholder, value));
    }

    GatewayHarness.Response sendTo(GatewayHarness gw, String host) {
        StringBuilder request = new StringBuilder().append(method.name()).append(' ').append(uri)
                .append(" HTTP/1.1\r\nHost: ").append(host).append("\r\nConnection: close\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        if (form != null) {
            request.append("Content-Length: ").append(form.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        }
        request.append("\r\n").append(form == null ? "" : form);
        RawClient.Answer answer = RawClient.exchange(gw.port(), request.toString());
        MultiMap received = MultiMap.caseInsensitiveMultiMap();
        String[] lines = answer.head().split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                received.add(lines[i].substring(0, colon), lines[i].substring(colon + 1).strip());
            }
        }
        return new GatewayHarness.Response(answer.status(), received, answer.body());
    }
}
