package io.tollgate.gateway.policy.basicauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.gateway.config.JsonFields;
import io.tollgate.gateway.config.ProductConfig;
import io.tollgate.gateway.credentials.CredentialsExtractor;
import io.tollgate.gateway.pipeline.Exchange;
import io.tollgate.gateway.policy.Policy;
import io.tollgate.gateway.policy.PolicyContext;
import io.tollgate.gateway.policy.PolicyFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code basic_auth} (Tollgate's own; Flex's "http-basic-authentication" maps onto it): the request
 * must carry {@code Authorization: Basic} with the configured {@code username} and {@code password},
 * else 401 with {@code WWW-Authenticate: Basic realm="…"} and the upstream sees nothing.
 *
 * <p>The comparison runs in constant time over SHA-256 digests of the expected and given
 * {@code user:password} (so neither the length nor a matching prefix shows in the timing), and the
 * password is never logged. The {@code Authorization} header is removed before the request goes
 * upstream unless {@code forward_authorization} is true: the gateway's password should not leak to
 * the upstream. It runs in the rewrite phase, so it checks before {@code apicast} when placed first.
 */
public final class BasicAuthPolicy implements Policy {
    private final byte[] expected;
    private final String challenge;
    private final boolean forward;

    private BasicAuthPolicy(byte[] expected, String challenge, boolean forward) {
        this.expected = expected;
        this.challenge = challenge;
        this.forward = forward;
    }

    /** Parses {@code {username, password, realm, forward_authorization}}. */
    public static final class Factory implements PolicyFactory {
        @Override
        public String name() {
            return "basic_auth";
        }

        @Override
        public Policy create(ObjectNode configuration, ProductConfig product, PolicyContext context) {
            JsonFields config = JsonFields.of(configuration, "");
            String username = config.requiredString("username");
            if (username.indexOf(':') >= 0) {
                throw config.fail("username", "contains ':' (expected: a user name without ':', RFC 7617)");
            }
            String password = config.string("password").orElseThrow(
                    () -> config.fail("password", "missing (expected: a string)"));
            String realm = config.string("realm", "tollgate");
            if (realm.indexOf('"') >= 0 || realm.indexOf('\\') >= 0 || realm.chars().anyMatch(c -> c < 0x20)) {
                throw config.fail("realm", "contains a quote, backslash or control character (expected: plain text)");
            }
            return new BasicAuthPolicy(digest(username + ":" + password), "Basic realm=\"" + realm
                    + "\", charset=\"UTF-8\"", config.bool("forward_authorization", false));
        }
    }

    @Override
    public void onRewrite(Exchange ex) {
        String given = credentials(ex.header("Authorization"));
        if (given == null || !MessageDigest.isEqual(expected, digest(given))) {
            ex.response().headers().set("WWW-Authenticate", challenge);
            ex.respond(401, "text/plain; charset=utf-8", "Unauthorized\n");
            return;
        }
        if (!forward) {
            ex.requestHeaders().remove("Authorization");
        }
        ex.proceed();
    }

    /** The decoded {@code user:password} of a Basic header, or null. */
    static String credentials(String authorization) {
        String[] basic = CredentialsExtractor.basic(authorization);
        return basic == null ? null : basic[0] + ":" + basic[1];
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "BasicAuthPolicy[password=***]";
    }
}
