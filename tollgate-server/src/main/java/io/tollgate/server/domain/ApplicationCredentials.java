package io.tollgate.server.domain;

import io.tollgate.common.Errors;
import io.tollgate.common.ValidationException;
import io.tollgate.store.ApplicationDao;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * Credentials of applications: user keys (backend version 1), application ids and keys (version
 * 2 and OIDC, where they are the client id and secret). Given values are checked; missing ones
 * are random hex strings (32 characters, 8 for an application id).
 */
final class ApplicationCredentials {
    static final int MAX_KEYS = 5;
    private static final Pattern TOKEN = Pattern.compile("[\\w.\\-]{1,255}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApplicationCredentials() {
    }

    static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    /** A valid given value of {@code field}, or a generated one of {@code bytes} random bytes. */
    static String givenOrRandom(Optional<String> given, String field, int bytes, Errors errors) {
        if (given.isEmpty()) {
            return random(bytes);
        }
        String value = given.get().trim();
        if (!TOKEN.matcher(value).matches()) {
            errors.add(field, "is invalid");
        }
        return value;
    }

    /** Adds a key to the (locked) application: 422 on key when invalid, taken or one too many. */
    static void addKey(Handle h, long applicationId, String key, java.time.Instant now) {
        if (key == null || key.isBlank()) {
            throw ValidationException.of("key", "can't be blank");
        }
        String value = key.trim();
        if (!TOKEN.matcher(value).matches()) {
            throw ValidationException.of("key", "is invalid");
        }
        ApplicationDao applications = h.attach(ApplicationDao.class);
        var keys = applications.keys(applicationId);
        if (keys.contains(value)) {
            throw ValidationException.of("key", "has already been taken");
        }
        if (keys.size() >= MAX_KEYS) {
            throw ValidationException.of("key", "is over the limit of " + MAX_KEYS + " keys");
        }
        applications.addKey(applicationId, value, now);
    }
}
