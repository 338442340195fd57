package io.tollgate.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tollgate gateway --mode}: what each wrong combination tells the user, before anything starts. */
class GatewayModeTest {
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

    private String error() {
        return err.toString().strip();
    }

    @Test
    void anUnknownModeNamesTheAcceptedOnes() {
        assertThat(run("gateway", "--mode", "cloud")).isEqualTo(1);
        assertThat(error()).isEqualTo("tollgate: --mode: \"cloud\" (expected: one of control-plane, local, connected)");
    }

    @Test
    void connectedModeNeedsARegistration() throws Exception {
        assertThat(run("gateway", "--mode=connected", "--home", home.toString())).isEqualTo(1);
        Path expected = home.resolve("conf.d").resolve("registration.yaml");
        assertThat(error()).isEqualTo("tollgate: --registration: registration file " + expected + " does not exist "
                + "(register this gateway with tollgate registration create, or point --registration at its "
                + "registration.yaml)");

        err.getBuffer().setLength(0);
        Path empty = Files.writeString(home.resolve("empty.yaml"), "");
        assertThat(run("gateway", "--mode=connected", "--registration", empty.toString())).isEqualTo(1);
        assertThat(error()).isEqualTo("tollgate: --registration: registration file " + empty + " is empty");
    }

    @Test
    void aRegistrationIsForConnectedOrLocalModeOnly() {
        assertThat(run("gateway", "--registration", home.resolve("r.yaml").toString())).isEqualTo(1);
        assertThat(error()).isEqualTo("tollgate: --registration: only for --mode=connected or --mode=local");
    }

    @Test
    void localModeNeedsADirectory() throws Exception {
        assertThat(run("gateway", "--mode=local", "--home", home.toString())).isEqualTo(1);
        assertThat(error()).isEqualTo("tollgate: --config-dir: missing (expected: the directory of the YAML resources "
                + "local mode serves)");

        err.getBuffer().setLength(0);
        Path file = Files.writeString(home.resolve("api.yaml"), "");
        assertThat(run("gateway", "--mode=local", "--config-dir", file.toString())).isEqualTo(1);
        assertThat(error()).isEqualTo("tollgate: --config-dir: " + file + " (expected: a directory)");
    }

    @Test
    void localModeRefusesATrafficPortAndControlPlaneModeADirectory() {
        assertThat(run("gateway", "--mode=local", "--config-dir", home.toString(), "--port", "8080")).isEqualTo(1);
        assertThat(error()).isEqualTo("tollgate: --port: not used in local mode (each API instance listens on the port "
                + "of its spec.address)");

        err.getBuffer().setLength(0);
        assertThat(run("gateway", "--config-dir", home.toString())).isEqualTo(1);
        assertThat(error()).isEqualTo("tollgate: --config-dir: only for --mode=local");
    }
}
