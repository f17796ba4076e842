package io.jenkins.plugins.gitops.engine.render;

import com.marcnuri.helm.jni.TemplateOptions;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Helm render process: {@code helm template} of one local chart through helm-java's native library,
 * in a JVM of its own that {@link HelmLibrary} starts, bounds and kills. It needs only this class,
 * helm-java's {@code lib-api} and JNA on its class path; nothing of the engine beyond this file.
 *
 * <p>Arguments: {@code --parent <pid> --library <helm .so> --chart <folder> --name <release>
 * --namespace <ns> [--kube-version <v>] [--values <file>]...}; the parent is the process that started this
 * one, which this one outlives by a moment at most. Prints the manifests on standard output, streamed from
 * the native memory Helm returns them in (the Java heap holds at most a chunk of them), and exits 0; or
 * prints Helm's error on standard error and exits 1.
 *
 * <p>Helm's {@code lookup} must not reach a cluster, yet helm-java's template asks the kubeconfig's
 * cluster (it runs with dry-run "none"). So this process answers as that cluster itself: before Helm
 * runs, it serves an empty API on loopback and writes the kubeconfig ({@code $KUBECONFIG}, an empty file
 * the parent created) to point there. Every lookup finds nothing, as with {@code helm template}.
 */
public final class HelmTemplateMain {

    /** Discovery of one group version: {@code /api/v1} or {@code /apis/<group>/<version>}. */
    private static final Pattern GROUP_VERSION = Pattern.compile("^/(?:api/(v1)|apis/([^/]+/[^/]+))/?$");
    private static final int CHUNK = 64 * 1024;
    private static final int MAX_ERROR_BYTES = 64 * 1024;

    private HelmTemplateMain() {
    }

    /** helm-java's result struct, read as pointers so that the output is not copied into one Java string. */
    @Structure.FieldOrder({"out", "err", "stdOut", "stdErr"})
    public static class RawResult extends Structure implements Structure.ByValue {
        public Pointer out;
        public Pointer err;
        public Pointer stdOut;
        public Pointer stdErr;
    }

    /** The one native function this process calls. */
    public interface NativeHelm extends Library {
        RawResult Template(TemplateOptions options);
    }

    public static void main(String[] args) {
        PrintStream errors = System.err;
        Request request;
        try {
            request = Request.parse(args);
        } catch (IllegalArgumentException e) {
            errors.println(e.getMessage());
            System.exit(2);
            return;
        }
        stopWhenTheParentIsGone(request.parent);
        try {
            HttpServer emptyCluster = serveEmptyCluster();
            writeKubeconfig(emptyCluster.getAddress().getPort());
            NativeHelm helm = Native.load(request.library, NativeHelm.class);
            RawResult result = helm.Template(request.options());
            if (result.err != null) {
                long length = Math.min(MAX_ERROR_BYTES, result.err.indexOf(0, (byte) 0));
                errors.println(new String(result.err.getByteArray(0, (int) length), StandardCharsets.UTF_8));
                errors.flush();
                System.exit(1);
                return;
            }
            try (OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), CHUNK)) {
                stream(result.out, out);
            }
            System.exit(0);
        } catch (IOException | RuntimeException | LinkageError e) {
            errors.println("the Helm process failed: " + e);
            errors.flush();
            System.exit(1);
        }
    }

    /**
     * The process that started this one bounds it: if that process is gone (Jenkins was killed mid-render),
     * nobody will ever stop a chart that loops, so this process stops itself.
     */
    private static void stopWhenTheParentIsGone(long parentPid) {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty() || parent.get().pid() != parentPid) {
            Runtime.getRuntime().halt(3); // gone before this process even started: adopted by another
        }
        parent.get().onExit().thenRun(() -> Runtime.getRuntime().halt(3));
    }

    /** Copies a C string to the stream a chunk at a time. */
    private static void stream(Pointer text, OutputStream out) throws IOException {
        if (text == null) {
            return; // a chart without templates prints nothing
        }
        long length = text.indexOf(0, (byte) 0);
        for (long offset = 0; offset < length; offset += CHUNK) {
            out.write(text.getByteArray(offset, (int) Math.min(CHUNK, length - offset)));
        }
    }

    /**
     * An API server with nothing in it, on loopback, in this process: discovery of any group version lists
     * no resources, and every other request is 404 Not Found, which Helm's lookup turns into an empty result.
     */
    private static HttpServer serveEmptyCluster() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", HelmTemplateMain::answerEmpty);
        server.start();
        return server;
    }

    private static void answerEmpty(HttpExchange exchange) throws IOException {
        Matcher groupVersion = GROUP_VERSION.matcher(exchange.getRequestURI().getPath());
        String query = exchange.getRequestURI().getRawQuery();
        // Discovery asks with a timeout parameter; the same path without it is a list of resource "" (the kind
        // is unknown here), which is not found.
        boolean discovery = groupVersion.matches() && query != null && query.contains("timeout=");
        String body = discovery
                ? "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\""
                        + (groupVersion.group(1) != null ? groupVersion.group(1) : groupVersion.group(2))
                        + "\",\"resources\":[]}"
                : "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                        + "\"message\":\"nothing is looked up while rendering\",\"reason\":\"NotFound\",\"code\":404}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(discovery ? 200 : 404, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void writeKubeconfig(int port) throws IOException {
        String kubeconfig = System.getenv("KUBECONFIG");
        if (kubeconfig == null || kubeconfig.isEmpty()) {
            throw new IOException("KUBECONFIG is not set; the parent sets it to an empty file");
        }
        Files.writeString(Path.of(kubeconfig), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: empty
                  cluster:
                    server: http://127.0.0.1:PORT
                contexts:
                - name: empty
                  context:
                    cluster: empty
                    user: nobody
                users:
                - name: nobody
                  user: {}
                current-context: empty
                """.replace("PORT", String.valueOf(port)));
    }

    /** What to render, from the command line. */
    private static final class Request {
        private String library;
        private String chart;
        private String name;
        private String namespace;
        private String kubeVersion;
        private long parent = -1;
        private final List<String> valuesFiles = new ArrayList<>();

        static Request parse(String[] args) {
            Request request = new Request();
            for (int i = 0; i < args.length; i++) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + args[i]);
                }
                String value = args[++i];
                switch (args[i - 1]) {
                    case "--library" -> request.library = value;
                    case "--chart" -> request.chart = value;
                    case "--name" -> request.name = value;
                    case "--namespace" -> request.namespace = value;
                    case "--kube-version" -> request.kubeVersion = value;
                    case "--values" -> request.valuesFiles.add(value);
                    case "--parent" -> request.parent = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i - 1]);
                }
            }
            if (request.parent < 0 || request.library == null || request.chart == null || request.name == null
                    || request.namespace == null) {
                throw new IllegalArgumentException("usage: --parent <pid> --library <file> --chart <folder> "
                        + "--name <release> --namespace <namespace> [--kube-version <version>] [--values <file>]...");
            }
            return request;
        }

        TemplateOptions options() {
            return new TemplateOptions(name, null, chart, namespace, kubeVersion, 0, 0, null, null,
                    valuesFiles.isEmpty() ? null : String.join(",", valuesFiles), null, null, null, 0, 0, null, 0,
                    null);
        }
    }
}
