package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoteCommandsTest extends CliTest {
    private static String host() {
        return platform.baseUrl().substring("http://".length());
    }

    @Test
    void addsListsRenamesAndRemovesRemotesInAPrivateFile() throws Exception {
        ok("remote", "add", "extra", "http://" + io.tollgate.server.testing.TestPlatform.ADMIN_TOKEN + "@" + host());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
        assertThat(ok("remote", "list").out()).contains("extra http://" + host() + " "
                + io.tollgate.server.testing.TestPlatform.ADMIN_TOKEN);

        ok("remote", "rename", "extra", "renamed");
        String list = ok("remote", "list").out();
        assertThat(list).contains("renamed http://").doesNotContain("extra ");
        assertThat(CliConfig.load(config).remote("renamed")).isPresent();

        ok("remote", "remove", "renamed");
        assertThat(CliConfig.load(config).remote("renamed")).isEmpty();
        assertThat(CliConfig.load(config).remote("a")).isPresent();
    }

    @Test
    void refusesATokenTheServerRejectsAndKeepsTheFileUnchanged() throws Exception {
        String before = Files.readString(config);
        assertThat(fails("remote", "add", "bad", "http://not-a-token@" + host()))
                .isEqualTo("remote not valid: http://" + host() + " refused the token (HTTP 403)");
        assertThat(Files.readString(config)).isEqualTo(before);
    }

    @Test
    void namesTheProblemWithARemote() {
        assertThat(fails("remote", "add", "a", "http://x@" + host())).startsWith("remote 'a' already exists in ");
        assertThat(fails("remote", "add", "x", "ftp://x@h")).startsWith("remote url: expected http[s]://<token>@<host>");
        assertThat(fails("remote", "add", "x", "http://" + host())).contains("the URL has no access token");
        assertThat(fails("remote", "remove", "nope")).startsWith("remote 'nope' is not in ");
        assertThat(fails("remote", "rename", "a", "b")).startsWith("remote 'b' already exists");
        assertThat(fails("service", "list", "nope")).startsWith("remote 'nope' is not in ")
                .contains("tollgate remote add nope <url>");
    }

    @Test
    void aRemoteMayBeAUrlAndTheConfigFileComesFromTheEnvironment(@org.junit.jupiter.api.io.TempDir Path dir) {
        Map<String, String> env = new HashMap<>();
        Path file = dir.resolve("from-env.yaml");
        env.put("TOLLGATE_CLI_CONFIG", file.toString());
        // runWith always passes -c; use a command line without it through Toolbox directly.
        Result added = CliTestRunner.runWithoutConfigFlag(env, "remote", "add", "env",
                "http://" + io.tollgate.server.testing.TestPlatform.ADMIN_TOKEN + "@" + host());
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(CliConfig.load(file).remote("env")).isPresent();

        env.clear();
        env.put("HOME", dir.toString());
        Result home = CliTestRunner.runWithoutConfigFlag(env, "remote", "add", "home", urlA);
        assertThat(home.exit()).as(home.err()).isZero();
        assertThat(CliConfig.load(dir.resolve(".tollgaterc.yaml")).remote("home")).isPresent();

        assertThat(ok("service", "list", urlB).exit()).isZero();
    }

    @Test
    void globalOptionsWorkBeforeTheCommandAndVersionPrints() {
        assertThat(ok("-k", "service", "list", "a").out()).startsWith("ID");
        assertThat(ok("service", "-k", "list", "a").out()).startsWith("ID");
        assertThat(ok("service", "list", "-v").out()).contains("tollgate");
        assertThat(ok("service", "list", "--help").out()).contains("Usage: tollgate service list");
    }

    @Test
    void failuresAreOneLineUnlessVerbose() {
        String unreachable = "http://token@127.0.0.1:1";
        assertThat(fails("service", "list", unreachable)).startsWith("cannot connect to http://127.0.0.1:1");
        Result verbose = run("service", "list", unreachable, "--verbose");
        assertThat(verbose.exit()).isEqualTo(1);
        assertThat(verbose.err()).contains("TransportException").contains("\tat ");
        assertThat(verbose.err()).doesNotContain("token@");
    }
}
