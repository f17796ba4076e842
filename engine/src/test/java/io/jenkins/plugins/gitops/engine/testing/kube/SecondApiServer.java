package io.jenkins.plugins.gitops.engine.testing.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.ApiServerAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A second kube-apiserver process in front of the shared server's etcd, that a test may stop and start again: a
 * real API server restart (its watch cache is gone, etcd keeps every object), which kube-api-test cannot do to the
 * shared server without losing etcd. It runs with the shared server's own command line (found in {@code /proc}
 * by its port; Linux only, as the binaries are), on another port, plus any flags a test adds.
 */
public final class SecondApiServer implements AutoCloseable {

    private static final Duration READY_DEADLINE = Duration.ofSeconds(90);

    private final List<String> command;
    private final int port;
    private final String etcdUrl;
    private final ApiServerAccess access;
    private Process process;

    private SecondApiServer(List<String> command, int port, String etcdUrl, ApiServerAccess access) {
        this.command = command;
        this.port = port;
        this.etcdUrl = etcdUrl;
        this.access = access;
    }

    /** Starts a second server beside the shared one, with {@code extraFlags} ({@code --flag=value}) added. */
    public static SecondApiServer beside(ApiServerAccess shared, String... extraFlags) {
        int sharedPort = URI.create(shared.adminConfig().getMasterUrl()).getPort();
        List<String> original = commandLineOfServerOn(sharedPort);
        int port = freePort();
        List<String> command = new ArrayList<>();
        String etcd = null;
        for (int i = 0; i < original.size(); i++) {
            String argument = original.get(i);
            command.add(argument);
            if (argument.equals("--secure-port") && i + 1 < original.size()) {
                command.add(String.valueOf(port));
                i++;
            } else if (argument.equals("--etcd-servers") && i + 1 < original.size()) {
                etcd = original.get(i + 1);
            }
        }
        command.addAll(Arrays.asList(extraFlags));
        if (etcd == null) {
            throw new IllegalStateException("the shared kube-apiserver's command line names no --etcd-servers: " + original);
        }
        SecondApiServer server = new SecondApiServer(command, port, etcd, shared);
        server.start();
        return server;
    }

    /** Starts the process (again) and waits until it answers. */
    public void start() {
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Files.createTempFile("second-kube-apiserver", ".log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + READY_DEADLINE.toNanos();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(adminConfig()).build()) {
            while (true) {
                try {
                    client.namespaces().withName("default").get();
                    return;
                } catch (KubernetesClientException notYet) {
                    if (System.nanoTime() > deadline || !process.isAlive()) {
                        throw new IllegalStateException("the second kube-apiserver did not answer within " + READY_DEADLINE,
                                notYet);
                    }
                    try {
                        Thread.sleep(200); // polling for readiness, with a deadline
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while the second kube-apiserver started", e);
                    }
                }
            }
        }
    }

    /** Stops the process, as a crashed or restarted API server: every connection to it ends. */
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A fresh administrator configuration for this server. */
    public Config adminConfig() {
        Config config = access.adminConfig();
        config.setMasterUrl("https://127.0.0.1:" + port);
        config.setRequestRetryBackoffLimit(0);
        return config;
    }

    /** The shared etcd, as {@code http://127.0.0.1:port}. */
    public String etcdUrl() {
        return etcdUrl;
    }

    @Override
    public void close() {
        stop();
    }

    private static List<String> commandLineOfServerOn(int port) {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            Optional<List<String>> found = processes.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .map(p -> p.resolve("cmdline")).map(SecondApiServer::readCommandLine)
                    .filter(arguments -> !arguments.isEmpty() && arguments.get(0).endsWith("kube-apiserver"))
                    .filter(arguments -> arguments.contains("--secure-port")
                            && String.valueOf(port).equals(arguments.get(arguments.indexOf("--secure-port") + 1)))
                    .findFirst();
            return found.orElseThrow(() -> new IllegalStateException("no kube-apiserver process on port " + port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> readCommandLine(Path cmdline) {
        try {
            String text = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : List.of(text.split("\0"));
        } catch (IOException | SecurityException e) {
            return List.of(); // a process that ended meanwhile, or another user's
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
