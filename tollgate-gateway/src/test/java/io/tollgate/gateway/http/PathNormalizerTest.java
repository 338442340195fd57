package io.tollgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.gateway.http.PathNormalizer.EscapedSlashes;
import io.tollgate.gateway.http.PathNormalizer.InvalidPathException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The path normalization rules (reliability.md C8), fixed cases and a property: normalizing is idempotent. */
class PathNormalizerTest {
    private static final PathNormalizer DEFAULT = new PathNormalizer(EscapedSlashes.REJECT, true);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/admin/../api | /api",
        "/%2e%2e/api | /api",
        "/%2E%2E/api | /api",
        "/api/%2e%2e/admin | /admin",
        "/.%2e/api | /api",
        "//admin | /admin",
        "/a//b///c | /a/b/c",
        "/ADMIN | /ADMIN",
        "/admin;x=1 | /admin;x=1",
        "/a/./b | /a/b",
        "/a/b/.. | /a/",
        "/a/b/. | /a/b/",
        "/../../etc/passwd | /etc/passwd",
        "/%61%7e%2D | /a~-",
        "/a%3ab | /a%3Ab",
        "/caf%C3%A9 | /caf%C3%A9",
        "/ | /",
        "/pets?x | /pets?x",
    })
    void normalizes(String raw, String normal) throws InvalidPathException {
        assertThat(DEFAULT.normalize(raw)).isEqualTo(normal);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "/api%2Fadmin | escaped slash (%2F) in path",
        "/api%2fadmin | escaped slash (%2F) in path",
        "/..;/admin | dot segment with parameters in path",
        "/api/.;x/admin | dot segment with parameters in path",
        "/%00 | control character in path",
        "/a%0d%0aSet-Cookie | control character in path",
        "/%c0%ae%c0%ae/admin | invalid UTF-8 in path",
        "/%e0%80%af | invalid UTF-8 in path",
        "/%ff | invalid UTF-8 in path",
        "/a%zz | malformed percent-escape in path",
        "/a%2 | malformed percent-escape in path",
        "/a\\b | backslash in path",
        "admin | path must start with /",
    })
    void refuses(String raw, String reason) {
        assertThatThrownBy(() -> DEFAULT.normalize(raw)).isInstanceOf(InvalidPathException.class).hasMessage(reason);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {"DECODE | /api/admin", "KEEP | /api%2Fadmin"})
    void escapedSlashesAsConfigured(EscapedSlashes mode, String normal) throws InvalidPathException {
        assertThat(new PathNormalizer(mode, true).normalize("/api%2fadmin")).isEqualTo(normal);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"//admin | //admin", "/a//b/../c | /a//c"})
    void slashesStayWhenMergingIsOff(String raw, String normal) throws InvalidPathException {
        assertThat(new PathNormalizer(EscapedSlashes.REJECT, false).normalize(raw)).isEqualTo(normal);
    }

    @Property(tries = 3000)
    void normalizingANormalPathChangesNothing(@ForAll("paths") String raw, @ForAll EscapedSlashes mode,
            @ForAll boolean merge) {
        PathNormalizer normalizer = new PathNormalizer(mode, merge);
        String once;
        try {
            once = normalizer.normalize(raw);
        } catch (InvalidPathException refused) {
            return;
        }
        try {
            assertThat(normalizer.normalize(once)).as(raw).isEqualTo(once);
        } catch (InvalidPathException e) {
            throw new AssertionError("the normal form of " + raw + " (" + once + ") was refused: " + e.getMessage());
        }
        assertThat(once).startsWith("/").doesNotContain("/./").doesNotContain("/../").doesNotEndWith("/..");
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> piece = Arbitraries.of("/", "/", "//", ".", "..", "%2e", "%2E", "%2f", "%2F", "a", "B", "%41",
                "%7e", "~", ";", ";x=1", "%25", "%3a", "%c3%a9", "%c0%ae", "%", "%0", "\\", "%00", "-", "_");
        return piece.list().ofMaxSize(12).map(parts -> "/" + String.join("", parts));
    }
}
