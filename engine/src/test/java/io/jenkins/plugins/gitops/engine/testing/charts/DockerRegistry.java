package io.jenkins.plugins.gitops.engine.testing.charts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A real OCI registry for tests: Debian's {@code docker-registry} (the CNCF distribution registry), started on
 * loopback with a configuration of our own (filesystem storage in a temporary folder), with or without htpasswd
 * authentication. {@code .ci/run} installs the package; without it, the tests fail and say so.
 */
public final class DockerRegistry implements AutoCloseable {

    public static final String USER = "chart-reader";
    public static final String PASSWORD = "chart-reader-secret";
    /**
     * bcrypt of {@link #PASSWORD} (cost 4, the lowest, to keep the tests fast): the registry's htpasswd accepts
     * bcrypt only, and no bcrypt is at hand in Java without a library, so the hash was computed once and kept.
     */
    private static final String PASSWORD_BCRYPT = "$2b$04$eS7t9K.xzBab7tf.DD7v1uFK.gXjcxAFQVg0FNBVGDkbAc/1P.Fum";
    private static final Path BINARY = Path.of("/usr/bin/docker-registry");
    private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;

    private DockerRegistry(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a registry storing under {@code folder}; with {@code authenticated}, only {@link #USER} may use it. */
    public static DockerRegistry start(Path folder, boolean authenticated) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: the OCI registry tests need Debian's docker-registry"
                    + " package; .ci/run installs it (apt-get install -y docker-registry)");
        }
        try {
            int port = freePort();
            Path config = folder.resolve("config.yml");
            StringBuilder yaml = new StringBuilder("version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n"
                    + "    rootdirectory: " + folder.resolve("data") + "\nhttp:\n  addr: 127.0.0.1:" + port + "\n");
            if (authenticated) {
                Path htpasswd = folder.resolve("htpasswd");
                Files.writeString(htpasswd, USER + ":" + PASSWORD_BCRYPT + "\n");
                yaml.append("auth:\n  htpasswd:\n    realm: charts\n    path: ").append(htpasswd).append('\n');
            }
            Files.writeString(config, yaml);
            Path log = folder.resolve("registry.log");
            Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            DockerRegistry registry = new DockerRegistry(process, port, log);
            registry.awaitReady();
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:<port>}. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** Polls {@code /v2/} until it answers (200, or 401 when authenticated), within a deadline. */
    private void awaitReady() {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(STARTUP_DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited with " + process.exitValue() + ": " + logText());
            }
            try {
                int status = client.send(HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || status == 401) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                process.waitFor(50, TimeUnit.MILLISECONDS); // returns early if it exits
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("docker-registry did not answer on " + host() + " within " + STARTUP_DEADLINE
                + ": " + logText());
    }

    private String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
