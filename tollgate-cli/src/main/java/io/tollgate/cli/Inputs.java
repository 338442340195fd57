package io.tollgate.cli;

import io.tollgate.client.Tls;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/** Where commands read documents from: a file, an http(s) URL, or stdin ({@code -}). */
public final class Inputs {
    private final InputStream stdin;
    private final Tls tls;

    public Inputs(InputStream stdin, Tls tls) {
        this.stdin = stdin;
        this.tls = tls;
    }

    /** The text at {@code source}: "-" or null is stdin, http(s):// a download, anything else a file. */
    public String read(String source) {
        if (source == null || source.equals("-")) {
            try {
                return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliException("cannot read stdin: " + e.getMessage(), e);
            }
        }
        if (source.startsWith("http://") || source.startsWith("https://")) {
            return download(source);
        }
        try {
            return Files.readString(Path.of(source));
        } catch (NoSuchFileException e) {
            throw new CliException(source + ": no such file", e);
        } catch (IOException e) {
            throw new CliException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    private String download(String url) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (url.startsWith("https://")) {
            builder.sslContext(tls.context());
        }
        try (HttpClient http = builder.build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofMinutes(1)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new CliException("cannot download " + url + ": HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new CliException("cannot download " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while downloading " + url, e);
        } catch (IllegalArgumentException e) {
            throw new CliException("not a URL: " + url, e);
        }
    }
}
