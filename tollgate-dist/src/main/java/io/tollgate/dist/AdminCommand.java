package io.tollgate.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tollgate admin}: operator tasks against a running control plane, through the master API. */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Operator tasks against a running control plane (master API).",
        subcommands = AdminCommand.Resync.class)
public final class AdminCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code tollgate admin resync}: rebuilds the meter's configuration replica from the system database
     * and publishes it (after a restore, or if a meter's replica is suspected stale).
     */
    @Command(name = "resync", mixinStandardHelpOptions = true,
            description = {"Rebuild the meter's configuration replica from the system database and publish it.",
                    "Run it after restoring the database (docs/operations.md). Needs the master access token."})
    static final class Resync implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--url", defaultValue = "${env:TOLLGATE_URL:-http://localhost:3000}",
                description = "Control plane URL (env TOLLGATE_URL, default http://localhost:3000).")
        String url;

        @Option(names = "--insecure", description = "Do not verify the server's TLS certificate.")
        boolean insecure;

        @Override
        public Integer call() throws InterruptedException {
            String token = System.getenv("TOLLGATE_MASTER_ACCESS_TOKEN");
            if (token == null || token.isBlank()) {
                throw new UserException("TOLLGATE_MASTER_ACCESS_TOKEN is not set (the master token is read only from"
                        + " the environment, so it never shows in the process list)");
            }
            URI target = endpoint(url);
            HttpRequest request = HttpRequest.newBuilder(target)
                    .timeout(Duration.ofMinutes(5))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("access_token="
                            + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8)))
                    .build();
            HttpResponse<String> response;
            try (HttpClient client = HttpClients.client(insecure)) {
                response = client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UserException("cannot reach " + target + ": " + Platform.rootMessage(e), e);
            }
            JsonNode body = parse(response.body());
            if (response.statusCode() != 200) {
                String message = body.path("error").asText(body.path("errors").toString());
                throw new UserException("resync refused by " + target + ": HTTP " + response.statusCode()
                        + (message.isBlank() ? "" : " " + message));
            }
            JsonNode resync = body.path("resync");
            PrintWriter out = spec.commandLine().getOut();
            out.println("Meter replica rebuilt and published: version " + resync.path("version").asLong()
                    + ", " + resync.path("tenants").asLong() + " tenants, " + resync.path("services").asLong()
                    + " services, " + resync.path("plans").asLong() + " plans, "
                    + resync.path("applications").asLong() + " applications.");
            out.flush();
            return 0;
        }

        static URI endpoint(String base) {
            try {
                URI uri = URI.create(base.endsWith("/") ? base : base + "/").resolve("master/api/meter/resync.json");
                if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                    throw new IllegalArgumentException("expected an http or https URL");
                }
                return uri;
            } catch (IllegalArgumentException e) {
                throw new UserException("--url: " + base + " (" + e.getMessage() + ")", e);
            }
        }

        private static JsonNode parse(String body) {
            try {
                return new ObjectMapper().readTree(body == null || body.isBlank() ? "{}" : body);
            } catch (IOException e) {
                return new ObjectMapper().createObjectNode();
            }
        }
    }
}
