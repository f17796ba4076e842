package io.jenkins.plugins.gitops.engine.testing.git;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefAdvertiser.PacketLineOutRefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A Git smart-HTTP server for tests, on 127.0.0.1 and a free port, built from the JDK's
 * {@code HttpServer} and JGit's {@code UploadPack} and {@code ReceivePack}. It serves {@code GET
 * <repo>.git/info/refs?service=git-upload-pack} and {@code POST <repo>.git/git-upload-pack}, protocol v0
 * and v2 (as the client asks), pushes ({@code git-receive-pack}, with {@link #beforePush} to move a branch
 * under a pusher's feet, and {@link #beforeUpload} under a fetcher's),
 * optionally behind HTTP Basic authentication, and counts what it does so a test can assert "one round
 * trip, no pack":
 *
 * <pre>{@code
 * try (GitHttpTestServer server = GitHttpTestServer.start().requireBasicAuth("ci", "s3cret")) {
 *     String url = server.serve("shop", repo.repository());   // http://127.0.0.1:<port>/shop.git
 *     ... fetch ...
 *     server.resetCounters();
 *     ... fetch again ...
 *     assertThat(server.requests()).isEqualTo(1);
 *     assertThat(server.uploadPackRequests()).isZero();        // nothing was negotiated or sent
 * }
 * }</pre>
 */
public final class GitHttpTestServer implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(GitHttpTestServer.class.getName());
    private static final String SERVICE = "git-upload-pack";
    private static final String RECEIVE_SERVICE = "git-receive-pack";
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Repository> repositories = new ConcurrentHashMap<>();
    private final List<String> requestLog = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger infoRefsRequests = new AtomicInteger();
    private final AtomicInteger uploadPackRequests = new AtomicInteger();
    private final AtomicInteger unauthorizedResponses = new AtomicInteger();
    private final AtomicLong advertisementBytes = new AtomicLong();
    private final AtomicLong packBytes = new AtomicLong();
    private final AtomicInteger receivePackRequests = new AtomicInteger();
    /** Accepted {@code Authorization} headers; empty for a server without authentication. */
    private volatile List<String> acceptedAuthorizations = List.of();
    private volatile Runnable beforePush = () -> { };
    private volatile Runnable beforeUpload = () -> { };

    private GitHttpTestServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server on 127.0.0.1 and a free port. */
    public static GitHttpTestServer start() throws IOException {
        // The JDK server leaves Nagle's algorithm on: each small response then waits ~40 ms for the
        // client's delayed ACK, which would swamp what the tests and the benchmark measure. Read once,
        // when the JDK server is first used.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "git-http-test-server");
            thread.setDaemon(true);
            return thread;
        });
        GitHttpTestServer gitServer = new GitHttpTestServer(server, executor);
        server.createContext("/", gitServer::handle);
        server.setExecutor(executor);
        server.start();
        return gitServer;
    }

    /** From now on, every request needs these Basic credentials; others get 401. */
    public GitHttpTestServer requireBasicAuth(String username, String password) {
        this.acceptedAuthorizations = List.of(basic(username, password));
        return this;
    }

    /** Accepts these Basic credentials too, besides those given to {@link #requireBasicAuth}. */
    public GitHttpTestServer alsoAcceptBasicAuth(String username, String password) {
        List<String> accepted = new ArrayList<>(acceptedAuthorizations);
        accepted.add(basic(username, password));
        this.acceptedAuthorizations = List.copyOf(accepted);
        return this;
    }

    private static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Runs {@code action} each time a client starts a push, before the server tells it where the refs
     * are: a commit made there lands between the pusher's fetch and its push, as a concurrent push would.
     */
    public GitHttpTestServer beforePush(Runnable action) {
        this.beforePush = action;
        return this;
    }

    /**
     * Runs {@code action} each time a client asks for a pack ({@code POST git-upload-pack}), after it read
     * the refs: a ref moved there moves between a fetcher's advertisement and its pack, as a concurrent push
     * would.
     */
    public GitHttpTestServer beforeUpload(Runnable action) {
        this.beforeUpload = action;
        return this;
    }

    /** Serves {@code repository} as {@code /<name>.git} and returns its URL. */
    public String serve(String name, Repository repository) {
        repositories.put(name + ".git", repository);
        return url(name);
    }

    /** The URL of {@code /<name>.git} on this server. */
    public String url(String name) {
        return "http://127.0.0.1:" + port() + "/" + name + ".git";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Every HTTP request received, including refused ones. */
    public int requests() {
        return requests.get();
    }

    /** Ref advertisements ({@code GET info/refs}). */
    public int infoRefsRequests() {
        return infoRefsRequests.get();
    }

    /** Negotiations and pack downloads ({@code POST git-upload-pack}); zero means no pack was sent. */
    public int uploadPackRequests() {
        return uploadPackRequests.get();
    }

    /** Pushes received ({@code POST git-receive-pack}). */
    public int receivePackRequests() {
        return receivePackRequests.get();
    }

    public int unauthorizedResponses() {
        return unauthorizedResponses.get();
    }

    /** Bytes sent in ref advertisements. */
    public long advertisementBytes() {
        return advertisementBytes.get();
    }

    /** Bytes sent in answers to {@code git-upload-pack} (negotiation and pack). */
    public long packBytes() {
        return packBytes.get();
    }

    /** Request lines with their status, e.g. {@code "GET /shop.git/info/refs?service=git-upload-pack 200"}. */
    public List<String> requestLog() {
        synchronized (requestLog) {
            return List.copyOf(requestLog);
        }
    }

    public void resetCounters() {
        requests.set(0);
        infoRefsRequests.set(0);
        uploadPackRequests.set(0);
        unauthorizedResponses.set(0);
        advertisementBytes.set(0);
        packBytes.set(0);
        receivePackRequests.set(0);
        requestLog.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String line = exchange.getRequestMethod() + " " + exchange.getRequestURI();
        int status = 500;
        try {
            status = respond(exchange);
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.FINE, "Git test server failed on " + line, e);
            throw e;
        } finally {
            requestLog.add(line + " " + status);
            exchange.close();
        }
    }

    private int respond(HttpExchange exchange) throws IOException {
        List<String> accepted = acceptedAuthorizations;
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!accepted.isEmpty() && (authorization == null || !accepted.contains(authorization))) {
            unauthorizedResponses.incrementAndGet();
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"git\"");
            exchange.sendResponseHeaders(401, -1);
            return 401;
        }
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (method.equals("GET") && path.endsWith("/info/refs")
                && ("service=" + SERVICE).equals(exchange.getRequestURI().getQuery())) {
            Repository repository = repositories.get(repositoryName(path, "/info/refs"));
            if (repository == null) {
                return notFound(exchange);
            }
            advertise(exchange, repository);
            return 200;
        }
        if (method.equals("POST") && path.endsWith("/" + SERVICE)) {
            Repository repository = repositories.get(repositoryName(path, "/" + SERVICE));
            if (repository == null) {
                return notFound(exchange);
            }
            beforeUpload.run();
            upload(exchange, repository);
            return 200;
        }
        if (method.equals("GET") && path.endsWith("/info/refs")
                && ("service=" + RECEIVE_SERVICE).equals(exchange.getRequestURI().getQuery())) {
            Repository repository = repositories.get(repositoryName(path, "/info/refs"));
            if (repository == null) {
                return notFound(exchange);
            }
            beforePush.run();
            advertiseForPush(exchange, repository);
            return 200;
        }
        if (method.equals("POST") && path.endsWith("/" + RECEIVE_SERVICE)) {
            Repository repository = repositories.get(repositoryName(path, "/" + RECEIVE_SERVICE));
            if (repository == null) {
                return notFound(exchange);
            }
            receive(exchange, repository);
            return 200;
        }
        return notFound(exchange);
    }

    private static void advertiseForPush(HttpExchange exchange, Repository repository) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/x-" + RECEIVE_SERVICE + "-advertisement");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            ReceivePack receivePack = new ReceivePack(repository);
            receivePack.setBiDirectionalPipe(false);
            PacketLineOut packets = new PacketLineOut(out);
            packets.writeString("# service=" + RECEIVE_SERVICE + "\n");
            packets.end();
            receivePack.sendAdvertisedRefs(new PacketLineOutRefAdvertiser(packets));
        }
    }

    private void receive(HttpExchange exchange, Repository repository) throws IOException {
        receivePackRequests.incrementAndGet();
        InputStream in = exchange.getRequestBody();
        if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/x-" + RECEIVE_SERVICE + "-result");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            ReceivePack receivePack = new ReceivePack(repository);
            receivePack.setBiDirectionalPipe(false);
            receivePack.receive(in, out, null);
        }
    }

    private void advertise(HttpExchange exchange, Repository repository) throws IOException {
        infoRefsRequests.incrementAndGet();
        exchange.getResponseHeaders().set("Content-Type", "application/x-" + SERVICE + "-advertisement");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (UploadPack uploadPack = uploadPack(exchange, repository);
                OutputStream out = new CountingOutputStream(exchange.getResponseBody(), advertisementBytes)) {
            uploadPack.sendAdvertisedRefs(new PacketLineOutRefAdvertiser(new PacketLineOut(out)), SERVICE);
        }
    }

    private void upload(HttpExchange exchange, Repository repository) throws IOException {
        uploadPackRequests.incrementAndGet();
        InputStream in = exchange.getRequestBody();
        if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/x-" + SERVICE + "-result");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (UploadPack uploadPack = uploadPack(exchange, repository);
                OutputStream out = new CountingOutputStream(exchange.getResponseBody(), packBytes)) {
            uploadPack.upload(in, out, null);
        }
    }

    private static UploadPack uploadPack(HttpExchange exchange, Repository repository) {
        UploadPack uploadPack = new UploadPack(repository);
        uploadPack.setBiDirectionalPipe(false); // stateless: each HTTP request is one step
        String protocol = exchange.getRequestHeaders().getFirst("Git-Protocol");
        if (protocol != null) {
            uploadPack.setExtraParameters(List.of(protocol.split(":")));
        }
        return uploadPack;
    }

    private static String repositoryName(String path, String suffix) {
        return path.substring(1, path.length() - suffix.length());
    }

    private static int notFound(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(404, -1);
        return 404;
    }

    /** Counts the bytes written through it. */
    private static final class CountingOutputStream extends FilterOutputStream {
        private final AtomicLong counter;

        CountingOutputStream(OutputStream out, AtomicLong counter) {
            super(out);
            this.counter = counter;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            counter.incrementAndGet();
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            counter.addAndGet(length);
        }
    }
}
