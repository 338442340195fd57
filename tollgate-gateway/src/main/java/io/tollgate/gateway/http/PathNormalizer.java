package io.tollgate.gateway.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Normalizes request paths before routing and rule matching (reliability.md C8), so that the path the
 * gateway authorizes is the path the upstream receives: percent-escapes of unreserved characters are
 * decoded and the others upper-cased, {@code .} and {@code ..} segments are resolved (RFC 3986
 * §5.2.4), repeated slashes are merged, and an escaped slash ({@code %2F}) is refused, decoded or kept
 * as configured. Paths with control characters, NUL, malformed escapes, invalid UTF-8 (overlong
 * forms included), a backslash, or dot segments hiding behind {@code ;} parameters ({@code /..;/})
 * are refused.
 */
public final class PathNormalizer {

    /** What to do with {@code %2F}. */
    public enum EscapedSlashes {
        /** 400 (the default: upstreams disagree on what %2F means). */
        REJECT,
        /** Treat it as '/', then normalize. */
        DECODE,
        /** Leave it escaped: a character of the segment, not a separator. */
        KEEP;

        public static EscapedSlashes parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("\"" + text + "\" (expected: reject, decode or keep)");
            }
        }
    }

    /** A path that cannot be normalized: answered 400 with this reason. */
    public static final class InvalidPathException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidPathException(String reason) {
            super(reason, null, false, false);
        }
    }

    private final EscapedSlashes escapedSlashes;
    private final boolean mergeSlashes;

    public PathNormalizer(EscapedSlashes escapedSlashes, boolean mergeSlashes) {
        this.escapedSlashes = escapedSlashes;
        this.mergeSlashes = mergeSlashes;
    }

    /**
     * @param raw the path as received (before '?'), percent-encoded
     * @return the normalized path, starting with '/'
     * @throws InvalidPathException saying why the path is refused
     */
    public String normalize(String raw) throws InvalidPathException {
        if (raw.isEmpty()) {
            return "/";
        }
        if (raw.charAt(0) != '/') {
            throw new InvalidPathException("path must start with /");
        }
        if (isNormal(raw)) {
            return raw;
        }
        String decoded = decodeUnreserved(raw);
        return resolve(decoded);
    }

    /** The common case, checked without allocating: nothing to decode, merge or resolve. */
    private boolean isNormal(String path) {
        char prev = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' || c == '\\' || c < 0x21 || c >= 0x7f || c == ';') {
                return false;
            }
            if (c == '/' && prev == '/') {
                return false;
            }
            if (c == '.' && prev == '/') {
                return false;
            }
            prev = c;
        }
        return true;
    }

    /** Decodes escapes of unreserved characters, upper-cases the rest, validates UTF-8 and control bytes. */
    private String decodeUnreserved(String raw) throws InvalidPathException {
        StringBuilder out = new StringBuilder(raw.length());
        ByteBuffer bytes = ByteBuffer.allocate(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new InvalidPathException("malformed percent-escape in path");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new InvalidPathException("malformed percent-escape in path");
                }
                int b = hi * 16 + lo;
                if (b < 0x20 || b == 0x7f) {
                    throw new InvalidPathException("control character in path");
                }
                bytes.put((byte) b);
                if (b == '/' && escapedSlashes == EscapedSlashes.REJECT) {
                    throw new InvalidPathException("escaped slash (%2F) in path");
                }
                if (isUnreserved(b) || (b == '/' && escapedSlashes == EscapedSlashes.DECODE)) {
                    out.append((char) b);
                } else {
                    out.append('%').append(Character.toUpperCase(raw.charAt(i + 1)))
                            .append(Character.toUpperCase(raw.charAt(i + 2)));
                }
                i += 2;
            } else {
                if (c < 0x20 || c == 0x7f) {
                    throw new InvalidPathException("control character in path");
                }
                if (c == '\\') {
                    throw new InvalidPathException("backslash in path");
                }
                if (c >= 0x80) {
                    throw new InvalidPathException("unencoded non-ASCII character in path");
                }
                if (c == ' ') {
                    throw new InvalidPathException("space in path");
                }
                bytes.put((byte) c);
                out.append(c);
            }
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
        } catch (CharacterCodingException e) {
            throw new InvalidPathException("invalid UTF-8 in path");
        }
        return out.toString();
    }

    private static boolean isUnreserved(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '.'
                || b == '_' || b == '~';
    }

    /** Resolves dot segments and merges slashes; keeps a trailing slash. */
    private String resolve(String path) throws InvalidPathException {
        Deque<String> segments = new ArrayDeque<>();
        String[] parts = path.substring(1).split("/", -1);
        boolean trailingSlash = false;
        for (int i = 0; i < parts.length; i++) {
            String s = parts[i];
            boolean lastPart = i == parts.length - 1;
            int semi = s.indexOf(';');
            String bare = semi < 0 ? s : s.substring(0, semi);
            if (semi >= 0 && (bare.equals(".") || bare.equals(".."))) {
                throw new InvalidPathException("dot segment with parameters in path");
            }
            if (s.equals(".")) {
                trailingSlash = lastPart;
            } else if (s.equals("..")) {
                segments.pollLast();
                trailingSlash = lastPart;
            } else if (s.isEmpty() && mergeSlashes) {
                trailingSlash = lastPart;
            } else {
                segments.addLast(s);
                trailingSlash = false;
            }
        }
        StringBuilder out = new StringBuilder(path.length());
        for (String s : segments) {
            out.append('/').append(s);
        }
        if (out.isEmpty() || trailingSlash) {
            out.append('/');
        }
        return out.toString();
    }
}
