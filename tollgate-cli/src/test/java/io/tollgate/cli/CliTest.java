package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.client.Documents;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.TestPlatform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Base of the toolbox command tests: one real control plane per class (in-process, H2, an ephemeral
 * port) with two tenants standing in for two instances, remotes {@code a} and {@code b} in a private
 * configuration file, and {@link #run} executing a command line as {@code tollgate} does.
 */
public abstract class CliTest {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    protected static TestPlatform platform;
    /** Tenant A's admin API (the default tenant, every scope). */
    protected static ApiClient a;
    /** Tenant B's admin API (a signed-up tenant, account_management and policy_registry). */
    protected static ApiClient b;
    protected static String urlA;
    protected static String urlB;
    protected static Path home;
    protected static Path config;
    protected static final Map<String, String> ENV = new HashMap<>();

    /** What a command printed and its exit code. */
    public record Result(int exit, String out, String err) {
        public JsonNode json() {
            return Documents.parse(out, "stdout");
        }
    }

    @BeforeAll
    static void startPlatform() throws IOException {
        platform = TestPlatform.start();
        a = platform.admin();
        String tokenB = secondTenantToken(platform);
        b = platform.as(tokenB);
        String host = platform.baseUrl().substring("http://".length());
        urlA = "http://" + TestPlatform.ADMIN_TOKEN + "@" + host;
        urlB = "http://" + tokenB + "@" + host;
        home = Files.createTempDirectory("tollgate-cli-test");
        config = home.resolve(".tollgaterc.yaml");
        ENV.clear();
        ENV.put("HOME", home.toString());
        CliConfig remotes = CliConfig.load(config);
        remotes.put("a", io.tollgate.client.Remote.parse(urlA));
        remotes.put("b", io.tollgate.client.Remote.parse(urlB));
        remotes.save();
    }

    @AfterAll
    static void stopPlatform() {
        platform.close();
    }

    /** Signs up a tenant and gives it a token with the account_management and policy_registry scopes. */
    static String secondTenantToken(TestPlatform platform) {
        int n = SEQUENCE.incrementAndGet();
        ApiClient.Response signup = platform.master().post("/master/api/providers.json", Map.of("org_name",
                "Tenant B" + n, "username", "tenant-b" + n, "email", "b" + n + "@example.com", "password", "secret-pass"));
        assertThat(signup.status()).as(signup.text()).isEqualTo(201);
        ApiClient signupClient = platform.as(signup.at("/signup/access_token/value").asText());
        ApiClient.Response token = signupClient.post("/admin/api/personal/access_tokens.json", Map.of("name", "cli",
                "permission", "rw", "scopes", List.of("account_management", "policy_registry")));
        assertThat(token.status()).as(token.text()).isEqualTo(201);
        return token.at("/access_token/value").asText();
    }

    /** A unique suffix for names, so that tests sharing the platform do not collide. */
    protected static String unique(String prefix) {
        return prefix + SEQUENCE.incrementAndGet();
    }

    protected static Result run(String... args) {
        return runWithStdin("", args);
    }

    protected static Result runWithStdin(String stdin, String... args) {
        return runWith(ENV, stdin, args);
    }

    /** Runs {@code tollgate <args>} with the toolbox installed as the distribution installs it. */
    protected static Result runWith(Map<String, String> env, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ToolboxContext context = new ToolboxContext(env::get,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        CommandLine root = Toolbox.install(new CommandLine(new Root()), context);
        CommandLine gateway = new CommandLine(new GatewayStandIn());
        Toolbox.installGatewayCommands(gateway, context);
        root.addSubcommand("gateway", gateway);
        root.setOut(new PrintWriter(out, true));
        root.setErr(new PrintWriter(err, true));
        root.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // As tollgate-dist's ErrorHandler: a toolbox failure is one line and exit 1.
            if (Toolbox.verbatim(e).isPresent()) {
                cmd.getErr().println(Toolbox.verbatim(e).get());
                return 1;
            }
            String message = Toolbox.describe(e).orElse(null);
            if (message == null) {
                e.printStackTrace(cmd.getErr());
                return 2;
            }
            cmd.getErr().println("tollgate: " + message);
            if (Toolbox.verbose(parsed)) {
                e.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        root.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("tollgate: " + e.getMessage());
            return 2;
        });
        int exit = root.execute(withConfig(args));
        return new Result(exit, out.toString(), err.toString());
    }

    private static String[] withConfig(String[] args) {
        String[] all = new String[args.length + 2];
        all[0] = "-c";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }

    /** Runs and asserts success, with the output in the failure message. */
    protected static Result ok(String... args) {
        Result result = run(args);
        assertThat(result.exit()).as("tollgate %s\nstdout: %s\nstderr: %s", String.join(" ", args), result.out(),
                result.err()).isZero();
        return result;
    }

    /** Runs and asserts a one-line failure with exit 1; returns the line without "tollgate: ". */
    protected static String fails(String... args) {
        Result result = run(args);
        assertThat(result.exit()).as("stdout: %s\nstderr: %s", result.out(), result.err()).isEqualTo(1);
        String line = result.err().strip();
        assertThat(line).startsWith("tollgate: ").doesNotContain("\n").doesNotContain("Exception");
        return line.substring("tollgate: ".length());
    }

    /** A product created through the admin API; returns its id. */
    protected static long product(ApiClient client, String name) {
        ApiClient.Response created = client.post("/admin/api/services.json", Map.of("service", Map.of("name", name)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.at("/service/id").asLong();
    }

    @Command(name = "tollgate", mixinStandardHelpOptions = true, version = "tollgate test")
    static final class Root implements Runnable {
        @Override
        public void run() {
        }
    }

    /**
     * What {@code tollgate gateway} is in the distribution: a runnable command (it runs a gateway)
     * that the toolbox hangs {@code token} and {@code list} under. Alone it prints a marker.
     */
    @CommandLine.Command(name = "gateway")
    static final class GatewayStandIn implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().getOut().println("gateway would run");
        }
    }
}
