package io.jenkins.plugins.gitops.engine.cli;

import io.jenkins.plugins.gitops.engine.source.GitCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * How to log in to the Git server. Secrets never appear on the command line (where {@code ps} and the
 * shell history would show them): they are read from files, or from an environment variable.
 */
final class GitCredentialOptions {

    /** Read only together with {@code --username}, so a variable left in a CI environment changes nothing else. */
    static final String PASSWORD_VARIABLE = "GITOPS_SYNC_GIT_PASSWORD";
    static final String PASSPHRASE_VARIABLE = "GITOPS_SYNC_SSH_PASSPHRASE";

    @Option(names = "--username", paramLabel = "<name>",
            description = "User name for HTTPS (with --password-file or $" + PASSWORD_VARIABLE + "), or the SSH"
                    + " login (default: the user in the URL).")
    String username;

    @Option(names = "--password-file", paramLabel = "<file>",
            description = "File whose first line is the password or access token for --username.")
    Path passwordFile;

    @Option(names = "--ssh-key-file", paramLabel = "<file>",
            description = "Private key (OpenSSH or PEM) for ssh:// and git@host:path URLs.")
    Path sshKeyFile;

    @Option(names = "--ssh-passphrase-file", paramLabel = "<file>",
            description = "File holding the key's passphrase (or set $" + PASSPHRASE_VARIABLE + ").")
    Path sshPassphraseFile;

    @Option(names = "--known-hosts-file", paramLabel = "<file>",
            description = "known_hosts lines for the SSH server (default: ~/.ssh/known_hosts). Make one with"
                    + " ssh-keyscan <host>.")
    Path knownHostsFile;

    @Option(names = "--accept-any-host-key",
            description = "Trust any SSH host key. Only for test set-ups: it gives up protection against a man"
                    + " in the middle.")
    boolean acceptAnyHostKey;

    /**
     * The credentials these options describe.
     *
     * @throws CommandException when the options contradict each other or a file cannot be read
     */
    GitCredentials resolve(Function<String, String> environment) {
        if (sshKeyFile != null) {
            if (passwordFile != null) {
                throw new CommandException("--ssh-key-file and --password-file: choose one way to log in");
            }
            return sshKey(environment);
        }
        char[] password = passwordFile != null ? OptionFiles.firstLine(passwordFile, "--password-file").toCharArray()
                : username != null ? secretFrom(environment, PASSWORD_VARIABLE) : null;
        if (password != null && username == null) {
            throw new CommandException("--password-file: needs --username as well; add --username <name>"
                    + " (for a token, any name the Git server accepts, such as \"git\")");
        }
        if (password == null && username != null) {
            throw new CommandException("--username " + username + ": no password; put it in a file for"
                    + " --password-file or in $" + PASSWORD_VARIABLE);
        }
        return password == null ? GitCredentials.none() : GitCredentials.usernamePassword(username, password);
    }

    private GitCredentials sshKey(Function<String, String> environment) {
        String privateKey = OptionFiles.read(sshKeyFile, "--ssh-key-file");
        char[] passphrase = sshPassphraseFile != null
                ? OptionFiles.firstLine(sshPassphraseFile, "--ssh-passphrase-file").toCharArray()
                : secretFrom(environment, PASSPHRASE_VARIABLE);
        if (acceptAnyHostKey) {
            return GitCredentials.SshKey.acceptingAnyHostKey(username, privateKey, passphrase);
        }
        Path knownHosts = knownHostsFile != null ? knownHostsFile
                : Paths.get(System.getProperty("user.home"), ".ssh", "known_hosts");
        if (knownHostsFile == null && !Files.isRegularFile(knownHosts)) {
            throw new CommandException("--ssh-key-file: the SSH server's host key cannot be checked, " + knownHosts
                    + " does not exist; pass --known-hosts-file <file> (ssh-keyscan <host> > <file>)");
        }
        return GitCredentials.SshKey.withKnownHosts(username, privateKey, passphrase,
                OptionFiles.read(knownHosts, "--known-hosts-file"));
    }

    private static char[] secretFrom(Function<String, String> environment, String variable) {
        String value = environment.apply(variable);
        return value == null || value.isEmpty() ? null : value.toCharArray();
    }
}
