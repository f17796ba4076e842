package io.jenkins.plugins.gitops.engine.testing.git;

import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.common.util.threads.ThreadUtils;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.shell.UnknownCommand;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A Git SSH server for tests (fetch only): Apache MINA SSHD on 127.0.0.1 and a free port, with its own
 * generated host key, public-key authentication for the keys you authorize, and JGit's {@code UploadPack}
 * behind {@code git-upload-pack '/<name>.git'}.
 *
 * <pre>{@code
 * TestSshKeys key = TestSshKeys.generate();
 * try (GitSshTestServer server = GitSshTestServer.start().authorize("git", key.keyPair().getPublic())) {
 *     String url = server.serve("shop", repo.repository());   // ssh://git@127.0.0.1:<port>/shop.git
 *     GitCredentials credentials = GitCredentials.SshKey.withKnownHosts("git", key.privateKey(), null,
 *             server.knownHostsLine());
 * }
 * }</pre>
 */
public final class GitSshTestServer implements AutoCloseable {

    private static final String UPLOAD_PACK = "git-upload-pack";

    private final SshServer server;
    private final KeyPair hostKey;
    private final CloseableExecutorService executor = ThreadUtils.newCachedThreadPool("git-ssh-test-server");
    private final Map<String, Repository> repositories = new ConcurrentHashMap<>();
    private final List<Authorized> authorized = new CopyOnWriteArrayList<>();
    private final AtomicInteger commands = new AtomicInteger();

    private record Authorized(String user, PublicKey key) {
    }

    private GitSshTestServer(KeyPair hostKey) {
        this.hostKey = hostKey;
        this.server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setHostBasedAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.setPublickeyAuthenticator((user, key, session) -> authorized.stream()
                .anyMatch(entry -> entry.user().equals(user) && KeyUtils.compareKeys(entry.key(), key)));
        server.setCommandFactory((channel, command) -> createCommand(command));
    }

    /** Starts a server on 127.0.0.1 and a free port, with a new host key. */
    public static GitSshTestServer start() throws IOException {
        GitSshTestServer gitServer = new GitSshTestServer(TestSshKeys.generateHostKey());
        gitServer.server.start();
        return gitServer;
    }

    /** Lets {@code user} log in with {@code key}. */
    public GitSshTestServer authorize(String user, PublicKey key) {
        authorized.add(new Authorized(user, key));
        return this;
    }

    /** Serves {@code repository} as {@code /<name>.git} and returns its URL, logging in as {@code git}. */
    public String serve(String name, Repository repository) {
        repositories.put(name + ".git", repository);
        return "ssh://git@127.0.0.1:" + port() + "/" + name + ".git";
    }

    public int port() {
        return server.getPort();
    }

    /** The server's host key as a {@code known_hosts} line: {@code [127.0.0.1]:<port> ecdsa-sha2-nistp256 AAAA...}. */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** How many {@code git-upload-pack} commands ran. */
    public int uploadPackCommands() {
        return commands.get();
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
        executor.shutdownNow();
    }

    private Command createCommand(String command) {
        if (!command.startsWith(UPLOAD_PACK + " ")) {
            return new UnknownCommand(command);
        }
        String path = command.substring(UPLOAD_PACK.length()).trim().replace("'", "");
        Repository repository = repositories.get(path.startsWith("/") ? path.substring(1) : path);
        if (repository == null) {
            return new UnknownCommand(command);
        }
        return new UploadPackCommand(command, repository);
    }

    /** Runs one {@code git-upload-pack} over the SSH channel, in the client's protocol version. */
    private final class UploadPackCommand extends AbstractCommandSupport {
        private final Repository repository;

        UploadPackCommand(String command, Repository repository) {
            super(command, ThreadUtils.noClose(executor));
            this.repository = repository;
        }

        @Override
        public void run() {
            commands.incrementAndGet();
            try (UploadPack uploadPack = new UploadPack(repository)) {
                String protocol = getEnvironment().getEnv().get("GIT_PROTOCOL");
                if (protocol != null) {
                    uploadPack.setExtraParameters(Collections.singleton(protocol));
                }
                uploadPack.upload(getInputStream(), getOutputStream(), getErrorStream());
                onExit(0);
            } catch (IOException e) {
                onExit(1, e.toString());
            }
        }
    }
}
