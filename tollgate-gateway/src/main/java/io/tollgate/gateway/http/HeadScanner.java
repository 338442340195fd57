package io.tollgate.gateway.http;

import io.netty.buffer.ByteBuf;

/**
 * Checks an HTTP/1.x request head byte by byte as it arrives, before the codec parses it, and refuses
 * everything two parsers could read differently (reliability.md C1, RFC 9112): a bare CR or LF, NUL
 * or another control character, obs-fold, whitespace or any non-token byte in a header name, more
 * than one Host, Content-Length or Transfer-Encoding header, a Content-Length that is not plain
 * digits, Content-Length with Transfer-Encoding, Transfer-Encoding on HTTP/1.0, a transfer-coding
 * list with an empty element or where {@code chunked} is not the last and only chunked (400), a
 * coding other than chunked (501), and a version other than HTTP/1.0 or HTTP/1.1 (505). It also
 * enforces the request-line, header-block and header-count limits (414, 431).
 *
 * <p>Allocation-free apart from a few small buffers per connection; one instance per connection,
 * {@link #reset()} between requests. Not thread-safe (it lives on its connection's event loop).
 */
public final class HeadScanner {
    private static final int START = 0;
    private static final int REQUEST_LINE = 2;
    private static final int REQUEST_LINE_LF = 3;
    private static final int LINE_START = 4;
    private static final int NAME = 5;
    private static final int VALUE = 6;
    private static final int VALUE_LF = 7;
    private static final int END_LF = 8;
    private static final int DONE = 9;

    private static final int OTHER = 0;
    private static final int CONTENT_LENGTH = 1;
    private static final int TRANSFER_ENCODING = 2;
    private static final int HOST = 3;
    /** Longest value kept of the headers above; longer ones are refused (no sane value is this long). */
    private static final int MAX_KEPT_VALUE = 1024;
    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private final int maxRequestLine;
    private final int maxHeaderBytes;
    private final int maxHeaders;

    private int state;
    private int lineBytes;
    private int headerBytes;
    private int headers;
    private final StringBuilder name = new StringBuilder(32);
    private final StringBuilder value = new StringBuilder(32);
    /** The request line's last word, where the version is. */
    private final StringBuilder lastWord = new StringBuilder(16);
    private int current;
    private int hosts;
    private int contentLengths;
    private int transferEncodings;
    private String transferEncoding;
    private boolean http10;

    public HeadScanner(int maxRequestLine, int maxHeaderBytes, int maxHeaders) {
        this.maxRequestLine = maxRequestLine;
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxHeaders = maxHeaders;
    }

    /** Gets ready for the next request's head. */
    public void reset() {
        state = START;
        lineBytes = 0;
        headerBytes = 0;
        headers = 0;
        hosts = 0;
        contentLengths = 0;
        transferEncodings = 0;
        transferEncoding = null;
        http10 = false;
        lastWord.setLength(0);
    }

    /** Whether the head is complete (the empty line was read). */
    public boolean done() {
        return state == DONE;
    }

    /**
     * Checks the bytes {@code [from, to)} of {@code buf}.
     *
     * @return the index just after the head's final LF when the head ends in this range, else {@code to}
     * @throws RejectedHead saying what is wrong and which status answers it
     */
    public int feed(ByteBuf buf, int from, int to) throws RejectedHead {
        for (int i = from; i < to; i++) {
            if (state == DONE) {
                return i;
            }
            step(buf.getByte(i) & 0xff);
        }
        return to;
    }

    private void step(int b) throws RejectedHead {
        switch (state) {
            case START -> {
                // Empty lines before a request line are ignored (RFC 9112 §2.2), bare LF included: they
                // frame nothing.
                if (b != '\r' && b != '\n') {
                    state = REQUEST_LINE;
                    requestLineByte(b);
                }
            }
            case REQUEST_LINE -> {
                if (b == '\r') {
                    state = REQUEST_LINE_LF;
                } else {
                    requestLineByte(b);
                }
            }
            case REQUEST_LINE_LF -> {
                if (b != '\n') {
                    throw bad("bare CR in the request line");
                }
                endRequestLine();
                state = LINE_START;
            }
            case LINE_START -> lineStart(b);
            case NAME -> nameByte(b);
            case VALUE -> valueByte(b);
            case VALUE_LF -> {
                if (b != '\n') {
                    throw bad("bare CR in a header");
                }
                endHeader();
                state = LINE_START;
            }
            case END_LF -> {
                if (b != '\n') {
                    throw bad("bare CR");
                }
                endHead();
                state = DONE;
            }
            default -> throw new IllegalStateException("scanner state " + state);
        }
    }

    private void requestLineByte(int b) throws RejectedHead {
        if (++lineBytes > maxRequestLine) {
            throw new RejectedHead(414, "request line longer than " + maxRequestLine + " bytes");
        }
        if (b == '\n') {
            throw bad("bare LF in the request line");
        }
        if (b < 0x20 || b >= 0x7f) {
            throw bad("control or non-ASCII byte in the request line");
        }
        if (b == ' ') {
            lastWord.setLength(0);
        } else if (lastWord.length() < 16) {
            lastWord.append((char) b);
        }
    }

    private void endRequestLine() throws RejectedHead {
        if (lineBytes == lastWord.length() || !startsWith(lastWord, "HTTP/")) {
            throw bad("request line without an HTTP version");
        }
        if (contentEquals(lastWord, "HTTP/1.0")) {
            http10 = true;
        } else if (!contentEquals(lastWord, "HTTP/1.1")) {
            throw new RejectedHead(505, "HTTP version " + lastWord + " not supported");
        }
    }

    private void lineStart(int b) throws RejectedHead {
        if (b == '\r') {
            state = END_LF;
            return;
        }
        if (b == ' ' || b == '\t') {
            throw bad("obsolete line folding");
        }
        if (++headers > maxHeaders) {
            throw new RejectedHead(431, "more than " + maxHeaders + " headers");
        }
        name.setLength(0);
        state = NAME;
        nameByte(b);
    }

    private void nameByte(int b) throws RejectedHead {
        countHeaderByte();
        if (b == ':') {
            if (name.isEmpty()) {
                throw bad("empty header name");
            }
            current = kind();
            value.setLength(0);
            state = VALUE;
            return;
        }
        if (b >= 128 || !TCHAR[b]) {
            throw bad(b == ' ' || b == '\t' ? "whitespace in a header name" : "invalid byte in a header name");
        }
        if (name.length() < 32) {
            name.append((char) (b | 0x20));
        }
    }

    private void valueByte(int b) throws RejectedHead {
        if (b == '\r') {
            state = VALUE_LF;
            return;
        }
        countHeaderByte();
        if (b == '\n') {
            throw bad("bare LF in a header");
        }
        if ((b < 0x20 && b != '\t') || b == 0x7f) {
            throw bad("control character in a header value");
        }
        if (current != OTHER) {
            if (value.length() >= MAX_KEPT_VALUE) {
                throw bad("header " + name + " too long");
            }
            value.append((char) b);
        }
    }

    private void countHeaderByte() throws RejectedHead {
        if (++headerBytes > maxHeaderBytes) {
            throw new RejectedHead(431, "header block larger than " + maxHeaderBytes + " bytes");
        }
    }

    private int kind() {
        if (contentEquals(name, "content-length")) {
            return CONTENT_LENGTH;
        }
        if (contentEquals(name, "transfer-encoding")) {
            return TRANSFER_ENCODING;
        }
        if (contentEquals(name, "host")) {
            return HOST;
        }
        return OTHER;
    }

    private void endHeader() throws RejectedHead {
        switch (current) {
            case CONTENT_LENGTH -> {
                if (++contentLengths > 1) {
                    throw bad("more than one Content-Length");
                }
                String v = value.toString().strip();
                if (v.isEmpty() || v.length() > 18 || !digits(v)) {
                    throw bad("invalid Content-Length \"" + v + "\"");
                }
            }
            case TRANSFER_ENCODING -> {
                if (++transferEncodings > 1) {
                    throw bad("more than one Transfer-Encoding");
                }
                transferEncoding = value.toString();
            }
            case HOST -> {
                if (++hosts > 1) {
                    throw bad("more than one Host");
                }
            }
            default -> {
            }
        }
        current = OTHER;
    }

    private void endHead() throws RejectedHead {
        if (transferEncoding == null) {
            return;
        }
        if (http10) {
            throw bad("Transfer-Encoding in an HTTP/1.0 request");
        }
        if (contentLengths > 0) {
            throw bad("both Content-Length and Transfer-Encoding");
        }
        if (transferEncoding.indexOf('\t') >= 0) {
            // Legal whitespace, but intermediaries disagree on it (nginx answers 501): the classic TE.TE
            // desync shape, so refused.
            throw bad("tab in Transfer-Encoding");
        }
        String[] codings = transferEncoding.split(",", -1);
        for (int i = 0; i < codings.length; i++) {
            String coding = codings[i].strip();
            if (coding.isEmpty()) {
                throw bad("empty element in Transfer-Encoding");
            }
            boolean last = i == codings.length - 1;
            if (coding.equalsIgnoreCase("chunked")) {
                if (!last) {
                    throw bad("chunked is not the last transfer coding");
                }
            } else if (last) {
                throw bad("chunked is not the last transfer coding");
            } else {
                throw new RejectedHead(501, "transfer coding \"" + coding + "\" not implemented");
            }
        }
    }

    private static boolean digits(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean contentEquals(StringBuilder sb, String s) {
        return sb.length() == s.length() && startsWith(sb, s);
    }

    private static boolean startsWith(StringBuilder sb, String s) {
        if (sb.length() < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (sb.charAt(i) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static RejectedHead bad(String reason) {
        return new RejectedHead(400, reason);
    }

    /** A request head refused before parsing: the status to answer and why. */
    public static final class RejectedHead extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        public RejectedHead(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
