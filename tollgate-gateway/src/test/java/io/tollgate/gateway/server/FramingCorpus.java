package io.tollgate.gateway.server;

import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP/1.1 framing corpus (reliability.md C1): raw requests, each with the status the gateway
 * must answer and how many requests the upstream may see (0, or exactly 1 re-framed one). Shared by
 * the gateway's corpus test and the nginx differential test.
 */
final class FramingCorpus {
    static final String HOST = "api.example.com";
    static final String POST = "POST /?user_key=k HTTP/1.1\r\nHost: " + HOST + "\r\n";
    static final String GET = "GET /?user_key=k HTTP/1.1\r\nHost: " + HOST + "\r\n";
    static final String CHUNKED_HELLO = "5\r\nhello\r\n0\r\n\r\n";

    /**
     * @param name what the case is about
     * @param payload the bytes sent
     * @param status the expected status
     * @param upstream requests the upstream must see (0 or 1)
     * @param body the body the upstream must get when it sees one (null: not checked)
     * @param framingClass whether it belongs to the CL/TE class compared with nginx
     */
    record Case(String name, String payload, int status, int upstream, String body, boolean framingClass) {
        boolean accepted() {
            return status < 300;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private FramingCorpus() {
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        // accepted, forwarded as exactly one request
        c.add(ok("plain GET", GET + "\r\n", "", false));
        c.add(ok("POST with Content-Length", POST + "Content-Length: 5\r\n\r\nhello", "hello", true));
        c.add(ok("POST chunked, re-framed", POST + "Transfer-Encoding: chunked\r\n\r\n" + CHUNKED_HELLO, "hello", true));
        c.add(ok("chunked in capitals", POST + "Transfer-Encoding: Chunked\r\n\r\n" + CHUNKED_HELLO, "hello", true));
        c.add(ok("chunk extension", POST + "Transfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n0\r\n\r\n", "hello", true));
        c.add(ok("chunked with a trailer", POST + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX-T: 1\r\n\r\n",
                "hello", true));
        c.add(ok("Content-Length with leading zero", POST + "Content-Length: 010\r\n\r\n0123456789", "0123456789", true));
        c.add(ok("Content-Length 0", POST + "Content-Length: 0\r\n\r\n", "", true));
        c.add(ok("GET with a body keeps its body", GET + "Content-Length: 5\r\n\r\nhello", "hello", true));
        c.add(ok("empty line before the request line", "\r\n" + GET + "\r\n", "", false));
        String inner = "GET /admin HTTP/1.1\r\nHost: evil\r\n\r\n";
        c.add(ok("a request inside a body stays a body", POST + "Content-Length: " + inner.length() + "\r\n\r\n" + inner,
                inner, true));
        // Content-Length and Transfer-Encoding: 400 and close
        c.add(bad("CL then TE", POST + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n" + CHUNKED_HELLO, 400, true));
        c.add(bad("TE then CL", POST + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n" + CHUNKED_HELLO, 400, true));
        c.add(bad("CL twice, equal", POST + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello", 400, true));
        c.add(bad("CL twice, different", POST + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", 400, true));
        c.add(bad("CL list", POST + "Content-Length: 5, 5\r\n\r\nhello", 400, true));
        c.add(bad("CL +1", POST + "Content-Length: +1\r\n\r\nh", 400, true));
        c.add(bad("CL 0x10", POST + "Content-Length: 0x10\r\n\r\n0123456789abcdef", 400, true));
        c.add(bad("CL -1", POST + "Content-Length: -1\r\n\r\n", 400, true));
        c.add(bad("CL empty", POST + "Content-Length: \r\n\r\n", 400, true));
        c.add(bad("CL 1_0", POST + "Content-Length: 1_0\r\n\r\n0123456789", 400, true));
        c.add(bad("CL with whitespace before the colon", POST + "Content-Length : 5\r\n\r\nhello", 400, true));
        c.add(bad("TE ,chunked", POST + "Transfer-Encoding: ,chunked\r\n\r\n" + CHUNKED_HELLO, 400, true));
        c.add(bad("TE chunked, identity", POST + "Transfer-Encoding: chunked, identity\r\n\r\n" + CHUNKED_HELLO, 400, true));
        c.add(bad("TE chunked, chunked", POST + "Transfer-Encoding: chunked, chunked\r\n\r\n" + CHUNKED_HELLO, 400, true));
        c.add(bad("TE twice", POST + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n" + CHUNKED_HELLO,
                400, true));
        c.add(bad("TE identity", POST + "Transfer-Encoding: identity\r\n\r\nhello", 400, true));
        c.add(bad("TE chunked after a tab", POST + "Transfer-Encoding:\tchunked\r\n\r\n" + CHUNKED_HELLO, 400, true));
        c.add(bad("TE xchunked", POST + "Transfer-Encoding: xchunked\r\n\r\n" + CHUNKED_HELLO, 400, true));
        c.add(bad("TE gzip, chunked (not implemented)", POST + "Transfer-Encoding: gzip, chunked\r\n\r\n" + CHUNKED_HELLO,
                501, true));
        c.add(bad("HTTP/1.0 with TE", "POST /?user_key=k HTTP/1.0\r\nHost: " + HOST
                + "\r\nTransfer-Encoding: chunked\r\n\r\n" + CHUNKED_HELLO, 400, true));
        c.add(bad("TE with whitespace before the colon", POST + "Transfer-Encoding : chunked\r\n\r\n" + CHUNKED_HELLO,
                400, true));
        // chunk sizes
        c.add(bad("chunk size 0x5", POST + "Transfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n", 400, true));
        c.add(bad("chunk size -0", POST + "Transfer-Encoding: chunked\r\n\r\n-0\r\n\r\n", 400, true));
        c.add(bad("chunk size _5", POST + "Transfer-Encoding: chunked\r\n\r\n_5\r\nhello\r\n0\r\n\r\n", 400, true));
        c.add(bad("chunk size overflow", POST + "Transfer-Encoding: chunked\r\n\r\nfffffffffffffffff5\r\nhello\r\n0\r\n\r\n",
                400, true));
        // line and header syntax
        c.add(bad("bare LF line ends", "GET /?user_key=k HTTP/1.1\nHost: " + HOST + "\n\n", 400, false));
        c.add(bad("bare LF in a header", GET + "X-A: 1\nX-B: 2\r\n\r\n", 400, false));
        c.add(bad("bare CR in a header", GET + "X-A: 1\rX-B: 2\r\n\r\n", 400, false));
        c.add(bad("NUL in a header value", GET + "X-A: a\u0000b\r\n\r\n", 400, false));
        c.add(bad("NUL in the request line", "GET /?user_key=k\u0000 HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n", 400, false));
        c.add(bad("obs-fold", GET + "X-A: 1\r\n  folded\r\n\r\n", 400, false));
        c.add(bad("space in a header name", GET + "X A: 1\r\n\r\n", 400, false));
        c.add(bad("empty header name", GET + ": 1\r\n\r\n", 400, false));
        c.add(bad("two Host headers", GET + "Host: other.example.com\r\n\r\n", 400, false));
        c.add(bad("HTTP/0.9 request line", "GET /\r\n\r\n", 400, false));
        c.add(bad("HTTP/1.2", "GET /?user_key=k HTTP/1.2\r\nHost: " + HOST + "\r\n\r\n", 505, false));
        c.add(bad("HTTP/2.0 over HTTP/1 framing", "GET /?user_key=k HTTP/2.0\r\nHost: " + HOST + "\r\n\r\n", 505, false));
        return c;
    }

    private static Case ok(String name, String payload, String body, boolean framing) {
        return new Case(name, payload, 200, 1, body, framing);
    }

    private static Case bad(String name, String payload, int status, boolean framing) {
        return new Case(name, payload, status, 0, null, framing);
    }
}
