package io.tollgate.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What the user sees when a command cannot run: one line on stderr and a non-zero exit. */
class CommandLineTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path home;

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void unknownOptionIsOneLineWithExitCode2() {
        assertThat(run("up", "--no-such-option")).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("tollgate: Unknown option: '--no-such-option'")
                .contains("see 'tollgate up --help'").doesNotContain("\n");
    }

    @Test
    void nonNumericPortIsOneLine() {
        assertThat(run("up", "--admin-port=abc")).isEqualTo(2);
        assertThat(err.toString().strip()).contains("--admin-port").contains("abc").doesNotContain("\n");
    }

    @Test
    void outOfRangePortIsRejectedBeforeAnythingStarts() {
        assertThat(run("up", "--home", home.toString(), "--admin-port=70000")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("tollgate: --admin-port: 70000 (expected: 0..65535)");
    }

    @Test
    void busyAdminPortIsOneLineWithExitCode1() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int code = run("up", "--home", home.toString(), "--bind", "127.0.0.1",
                    "--admin-port", String.valueOf(busy.getLocalPort()));
            assertThat(code).isEqualTo(1);
            assertThat(err.toString().strip()).startsWith("tollgate: cannot listen on 127.0.0.1:" + busy.getLocalPort())
                    .contains("TOLLGATE_ADMIN_PORT").doesNotContain("\n");
        }
    }

    @Test
    void busyMeterPortIsOneLineAndStopsEverything() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int code = run("up", "--home", home.toString(), "--bind", "127.0.0.1", "--admin-port", "0",
                    "--meter-port", String.valueOf(busy.getLocalPort()));
            assertThat(code).isEqualTo(1);
            assertThat(err.toString().strip())
                    .startsWith("tollgate: cannot listen on 127.0.0.1:" + busy.getLocalPort()
                            + " for the Service Management API")
                    .contains("TOLLGATE_METER_PORT").doesNotContain("\n");
        }
    }

    @Test
    void meterWithoutRedisSaysWhatItNeeds() {
        assertThat(run("meter", "--redis-url", "")).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("tollgate: tollgate meter needs Redis")
                .contains("TOLLGATE_REDIS_URL").doesNotContain("\n");
    }

    @Test
    void badRedisSettingsAreOneLineNamingTheSetting() {
        assertThat(run("meter", "--redis-url", "http://127.0.0.1:6379")).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("tollgate: ").contains("TOLLGATE_REDIS_URL")
                .doesNotContain("\n");
    }

    @Test
    void resyncRejectsABadUrlInOneLine() {
        assertThat(AdminCommand.Resync.endpoint("http://cp.example:3000").toString())
                .isEqualTo("http://cp.example:3000/master/api/meter/resync.json");
        assertThat(AdminCommand.Resync.endpoint("https://cp.example/base/").toString())
                .isEqualTo("https://cp.example/base/master/api/meter/resync.json");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AdminCommand.Resync.endpoint("ftp://x"))
                .isInstanceOf(UserException.class).hasMessageStartingWith("--url: ftp://x");
    }

    @Test
    void toolboxFailuresAreOneLineWithExitCode1AndVerboseAddsTheTrace() {
        assertThat(run("-c", home.resolve("rc.yaml").toString(), "service", "list", "http://secret@127.0.0.1:1"))
                .isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("tollgate: cannot connect to http://127.0.0.1:1: connection refused");
        err.getBuffer().setLength(0);
        assertThat(run("service", "list", "http://secret@127.0.0.1:1", "--verbose", "-c",
                home.resolve("rc.yaml").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("TransportException").doesNotContain("secret@");
    }

    @Test
    void toolboxVersionIsTheDistributionsOnEveryCommand() {
        assertThat(run("-v")).isZero();
        assertThat(out.toString()).contains("tollgate ").contains("Java ");
        out.getBuffer().setLength(0);
        assertThat(run("product", "export", "-v")).isZero();
        assertThat(out.toString()).contains("tollgate ").contains("Java ");
    }

    @Test
    void versionNamesTheRuntime() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).contains("tollgate ").contains("Java ");
    }

    @Test
    void gatewayWithoutAConfigurationSourceIsOneLine() {
        assertThat(run("gateway", "--home", home.toString(), "--port", "0", "--management-port", "0")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("tollgate: TOLLGATE_PORTAL_ENDPOINT: missing (expected:"
                + " https://TOKEN@host[:port][/path], or TOLLGATE_CONFIG_FILE)");
    }

    @Test
    void gatewayWithAnUnknownEnvironmentIsOneLine() {
        assertThat(run("gateway", "--environment", "qa")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("tollgate: --environment: \"qa\" (expected: production or staging)");
    }

    @Test
    void busyGatewayPortIsOneLineAndStopsEverything() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int code = run("up", "--home", home.toString(), "--bind", "127.0.0.1", "--admin-port", "0",
                    "--meter-port", "0", "--staging-port", "0", "--management-port", "0",
                    "--gateway-port", String.valueOf(busy.getLocalPort()));
            assertThat(code).isEqualTo(1);
            assertThat(err.toString().strip())
                    .startsWith("tollgate: cannot listen on 127.0.0.1:" + busy.getLocalPort() + " for production gateway")
                    .contains("TOLLGATE_GATEWAY_PORT").doesNotContain("\n");
        }
    }

    @Test
    void gatewayCarriesTheRegistryCommandsAndStillRunsAGatewayAlone() {
        assertThat(run("gateway", "--help")).isZero();
        assertThat(out.toString()).contains("token").contains("list").contains("--environment");
        assertThat(run("gateway", "token", "create", "--help")).isZero();
        assertThat(out.toString()).contains("tollgate gateway token create");
        // Without a subcommand it is the gateway: its own option checks answer.
        assertThat(run("gateway", "--environment", "qa")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("tollgate: --environment: \"qa\" (expected: production or staging)");
    }

    @Test
    void registrationFailuresAreOneLine() {
        Path missing = home.resolve("conf.d").resolve("registration.yaml");
        assertThat(run("registration", "inspect", "--file=" + missing)).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("tollgate: registration file " + missing + " does not exist");
    }

    @Test
    void unreachableControlPlaneIsOneLine() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        assertThat(run("registration", "create", "--organization=2", "--token=t", "--output-directory=" + home,
                "--control-plane=http://127.0.0.1:" + port, "edge")).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("tollgate: cannot reach the control plane at http://127.0.0.1:"
                + port).doesNotContain("\n");
        assertThat(home.resolve("registration.yaml")).doesNotExist();
    }
}
