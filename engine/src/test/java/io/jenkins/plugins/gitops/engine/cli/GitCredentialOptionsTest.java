package io.jenkins.plugins.gitops.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.source.GitCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets come from files or the environment, never from the command line, and mistakes are named. */
class GitCredentialOptionsTest {

    private static final Function<String, String> NO_VARIABLES = name -> null;

    @TempDir
    Path temp;

    private final GitCredentialOptions options = new GitCredentialOptions();

    @Test
    void shouldLogInAnonymouslyWithoutOptions() {
        assertThat(options.resolve(NO_VARIABLES)).isEqualTo(GitCredentials.none());
    }

    @Test
    void shouldReadThePasswordFromTheFirstLineOfItsFile() throws IOException {
        options.username = "ci";
        options.passwordFile = Files.writeString(temp.resolve("token"), "s3cret\n");

        assertThat(options.resolve(NO_VARIABLES))
                .isEqualTo(GitCredentials.usernamePassword("ci", "s3cret".toCharArray()));
    }

    @Test
    void shouldReadThePasswordFromTheEnvironmentWhenThereIsNoFile() {
        options.username = "ci";

        assertThat(options.resolve(Map.of(GitCredentialOptions.PASSWORD_VARIABLE, "from-env")::get))
                .isEqualTo(GitCredentials.usernamePassword("ci", "from-env".toCharArray()));
    }

    @Test
    void shouldIgnoreThePasswordVariableWithoutAUserName() {
        assertThat(options.resolve(Map.of(GitCredentialOptions.PASSWORD_VARIABLE, "left-over")::get))
                .isEqualTo(GitCredentials.none());
    }

    @Test
    void shouldAskForAUserNameWhenAPasswordFileIsGiven() throws IOException {
        options.passwordFile = Files.writeString(temp.resolve("token"), "s3cret");

        assertThatThrownBy(() -> options.resolve(NO_VARIABLES)).isInstanceOf(CommandException.class)
                .hasMessageStartingWith("--password-file: needs --username as well");
    }

    @Test
    void shouldAskForAPasswordWhenOnlyAUserNameIsGiven() {
        options.username = "ci";

        assertThatThrownBy(() -> options.resolve(NO_VARIABLES)).isInstanceOf(CommandException.class)
                .hasMessageContaining("no password").hasMessageContaining("--password-file");
    }

    @Test
    void shouldNameAPasswordFileThatDoesNotExist() {
        options.username = "ci";
        options.passwordFile = temp.resolve("missing");

        assertThatThrownBy(() -> options.resolve(NO_VARIABLES)).isInstanceOf(CommandException.class)
                .hasMessage("--password-file " + temp.resolve("missing") + ": does not exist; check the path");
    }

    @Test
    void shouldUseTheKeyAndTheKnownHostsFile() throws IOException {
        options.sshKeyFile = Files.writeString(temp.resolve("id_ed25519"), "PRIVATE KEY");
        options.knownHostsFile = Files.writeString(temp.resolve("known_hosts"), "git.example.com ssh-ed25519 AAAA");

        GitCredentials credentials = options.resolve(NO_VARIABLES);

        assertThat(credentials).isEqualTo(GitCredentials.SshKey.withKnownHosts("", "PRIVATE KEY", null,
                "git.example.com ssh-ed25519 AAAA"));
    }

    @Test
    void shouldTrustAnyHostKeyOnlyWhenTold() throws IOException {
        options.sshKeyFile = Files.writeString(temp.resolve("id_ed25519"), "PRIVATE KEY");
        options.acceptAnyHostKey = true;

        assertThat(options.resolve(Map.of(GitCredentialOptions.PASSPHRASE_VARIABLE, "phrase")::get))
                .isEqualTo(GitCredentials.SshKey.acceptingAnyHostKey("", "PRIVATE KEY", "phrase".toCharArray()));
    }

    @Test
    void shouldRefuseTwoWaysToLogIn() throws IOException {
        options.sshKeyFile = Files.writeString(temp.resolve("id_ed25519"), "PRIVATE KEY");
        options.passwordFile = Files.writeString(temp.resolve("token"), "s3cret");

        assertThatThrownBy(() -> options.resolve(NO_VARIABLES)).isInstanceOf(CommandException.class)
                .hasMessage("--ssh-key-file and --password-file: choose one way to log in");
    }
}
