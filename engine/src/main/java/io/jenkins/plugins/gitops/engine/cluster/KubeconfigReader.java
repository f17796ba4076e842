package io.jenkins.plugins.gitops.engine.cluster;

import io.fabric8.kubernetes.api.model.Context;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a kubeconfig into a fabric8 {@link Config}: the context's cluster (server, certificate authority, TLS
 * verification, proxy), user (client certificate and key, token or token file, user name and password) and
 * namespace, as fabric8's {@code Config.fromKubeconfig} sets them, and as {@code kubectl} chooses them.
 *
 * <p>Why not fabric8's reader: it maps the document onto fabric8's typed kubeconfig model through the client's
 * serialization, which first registers every one of fabric8's 540 model classes, a quarter of a command line
 * run. This reader walks the YAML tree with SnakeYAML, which rendering loads anyway.
 *
 * <p>A user that runs a command for its credentials ({@code exec}, {@code auth-provider}) is read by fabric8, which
 * runs that command: this reader never runs anything.
 */
final class KubeconfigReader {

    /** The largest kubeconfig read, in characters: ten times the largest seen in use, small enough to refuse junk. */
    static final int MAX_CHARACTERS = 4 * 1024 * 1024;

    private static final int MAX_NESTING_DEPTH = 50;
    private static final int MAX_ALIASES = 50;

    private final Path file;

    private KubeconfigReader(Path file) {
        this.file = file;
    }

    /**
     * Reads {@code kubeconfigYaml}.
     *
     * @param context the context to use, or {@code null} for the kubeconfig's current context
     * @param file the file the kubeconfig was read from, against which relative paths in it are resolved as
     *     {@code kubectl} resolves them; {@code null} when it comes from elsewhere (then relative paths are taken
     *     from the working folder, as fabric8 takes them)
     * @throws ClusterException when the kubeconfig is not YAML, names no usable context, or names a file that
     *     cannot be read; the message never quotes a credential
     */
    static Config read(String kubeconfigYaml, String context, Path file) {
        return new KubeconfigReader(file).read(kubeconfigYaml, context);
    }

    private Config read(String kubeconfigYaml, String requestedContext) {
        Map<String, Node> root = mapping(parse(kubeconfigYaml), "the document");
        Map<String, Map<String, Node>> contexts = named(root, "contexts", "context");
        String contextName = chooseContext(requestedContext, text(root.get("current-context")), contexts);
        Map<String, Node> contextBody = contexts.get(contextName);
        Map<String, Node> user = named(root, "users", "user").get(text(contextBody.get("user")));
        if (user != null && (present(user.get("exec")) || present(user.get("auth-provider")))) {
            // a command gives the credentials: fabric8 runs it, as it always has
            return requestedContext == null ? Config.fromKubeconfig(kubeconfigYaml)
                    : Config.fromKubeconfig(requestedContext, kubeconfigYaml, null);
        }
        Config config = Config.empty();
        NamedContext current = new NamedContext(new Context(text(contextBody.get("cluster")), null,
                text(contextBody.get("namespace")), text(contextBody.get("user"))), contextName);
        config.setContexts(new ArrayList<>(List.of(current)));
        config.setCurrentContext(current);
        config.setNamespace(text(contextBody.get("namespace")));
        String clusterName = text(contextBody.get("cluster"));
        Map<String, Node> cluster = named(root, "clusters", "cluster").get(clusterName);
        if (cluster == null) {
            throw problem("context \"" + contextName + "\" names cluster \"" + clusterName
                    + "\", which the kubeconfig does not define; add it to clusters or correct the context");
        }
        applyCluster(config, clusterName, cluster);
        if (user != null) {
            applyUser(config, text(contextBody.get("user")), user);
        }
        return config;
    }

    private void applyCluster(Config config, String name, Map<String, Node> cluster) {
        String server = text(cluster.get("server"));
        if (server == null || server.isBlank()) {
            throw problem("cluster \"" + name + "\" has no server; add its API server URL (server: https://...)");
        }
        if (!server.toLowerCase(Locale.ROOT).startsWith("http://") && !server.toLowerCase(Locale.ROOT)
                .startsWith("https://")) {
            server = "https://" + server; // as kubectl
        }
        config.setMasterUrl(server);
        boolean insecure = "true".equalsIgnoreCase(text(cluster.get("insecure-skip-tls-verify")));
        config.setTrustCerts(insecure);
        config.setDisableHostnameVerification(insecure);
        config.setCaCertFile(readableFile(cluster.get("certificate-authority"), "cluster \"" + name + "\"",
                "certificate-authority"));
        config.setCaCertData(text(cluster.get("certificate-authority-data")));
        String proxy = text(cluster.get("proxy-url"));
        if (proxy != null && !proxy.isEmpty()) {
            // as fabric8: a SOCKS proxy serves the API server's scheme, an HTTP(S) proxy its own
            boolean https = proxy.startsWith("https://")
                    || (proxy.startsWith("socks5://") && server.startsWith("https://"));
            if (https) {
                config.setHttpsProxy(proxy);
            } else {
                config.setHttpProxy(proxy);
            }
        }
    }

    private void applyUser(Config config, String name, Map<String, Node> user) {
        String where = "user \"" + name + "\"";
        config.setClientCertFile(readableFile(user.get("client-certificate"), where, "client-certificate"));
        config.setClientCertData(text(user.get("client-certificate-data")));
        config.setClientKeyFile(readableFile(user.get("client-key"), where, "client-key"));
        config.setClientKeyData(text(user.get("client-key-data")));
        config.setClientKeyAlgo(Config.getKeyAlgorithm(config.getClientKeyFile(), config.getClientKeyData()));
        String token = text(user.get("token"));
        String tokenFile = readableFile(user.get("tokenFile"), where, "tokenFile");
        if ((token == null || token.isEmpty()) && tokenFile != null) {
            token = readToken(tokenFile, where); // as kubectl: the token wins over the file
        }
        config.setAutoOAuthToken(token);
        config.setUsername(text(user.get("username")));
        config.setPassword(text(user.get("password")));
    }

    private String chooseContext(String requested, String current, Map<String, Map<String, Node>> contexts) {
        String chosen = requested != null && !requested.isEmpty() ? requested : current;
        if (chosen == null || chosen.isEmpty()) {
            throw problem("no context chosen: the kubeconfig has no current-context; choose one of "
                    + contexts.keySet() + " (kubectl config use-context <name>, or --context <name>)");
        }
        if (!contexts.containsKey(chosen)) {
            throw problem((chosen.equals(requested) ? "context \"" : "current-context \"") + chosen
                    + "\" is not defined; its contexts are " + contexts.keySet());
        }
        return chosen;
    }

    /** The entries of a list of {@code {name: ..., <body>: {...}}} by name; the last of one name wins, as in fabric8. */
    private Map<String, Map<String, Node>> named(Map<String, Node> root, String list, String body) {
        Map<String, Map<String, Node>> entries = new LinkedHashMap<>();
        Node node = root.get(list);
        if (node == null || isNull(node)) {
            return entries;
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw problem(list + " is not a list");
        }
        for (Node item : sequence.getValue()) {
            Map<String, Node> entry = mapping(item, "an entry of " + list);
            Node content = entry.get(body);
            if (content != null && !isNull(content)) { // fabric8 skips an entry without its body
                entries.put(text(entry.get("name")), mapping(content, list + "[]." + body));
            }
        }
        return entries;
    }

    private Node parse(String kubeconfigYaml) {
        if (kubeconfigYaml.length() > MAX_CHARACTERS) {
            throw problem("it is larger than " + MAX_CHARACTERS / (1024 * 1024) + " MB; is it a kubeconfig?");
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setCodePointLimit(MAX_CHARACTERS);
        options.setProcessComments(false);
        try {
            Node node = new Composer(new ParserImpl(new StreamReader(new StringReader(kubeconfigYaml)), options),
                    new Resolver(), options).getSingleNode();
            if (node == null) {
                throw problem("it is empty");
            }
            return node;
        } catch (YAMLException e) {
            // SnakeYAML's message may quote the document, which may hold a credential; only its position is given
            String where = e instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked
                    && marked.getProblemMark() != null ? " at line " + (marked.getProblemMark().getLine() + 1) : "";
            throw problem("it is not valid YAML" + where + "; check it with kubectl config view");
        }
    }

    private Map<String, Node> mapping(Node node, String what) {
        if (!(node instanceof MappingNode mapping)) {
            throw problem(what + " is not a mapping");
        }
        Map<String, Node> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key) {
                entries.put(key.getValue(), tuple.getValueNode());
            }
        }
        return entries;
    }

    /** A scalar's text as written; {@code null} for an absent or null value. */
    private String text(Node node) {
        if (node == null || isNull(node)) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar)) {
            throw problem("a value that should be text is a " + (node instanceof MappingNode ? "mapping" : "list")
                    + (node.getStartMark() == null ? "" : " (line " + (node.getStartMark().getLine() + 1) + ")"));
        }
        return scalar.getValue();
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(org.yaml.snakeyaml.nodes.Tag.NULL);
    }

    private static boolean present(Node node) {
        return node != null && !isNull(node);
    }

    /** A file the kubeconfig names, resolved as kubectl does, and checked now so that the error names the field. */
    private String readableFile(Node node, String where, String field) {
        String name = text(node);
        if (name == null || name.isBlank()) {
            return null;
        }
        Path path = Path.of(name);
        Path folder = file == null ? null : file.toAbsolutePath().getParent();
        if (!path.isAbsolute() && folder != null) {
            path = folder.resolve(path);
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw problem(where + ": " + field + " " + path + " does not exist or cannot be read; correct the path");
        }
        return path.toAbsolutePath().toString();
    }

    private String readToken(String tokenFile, String where) {
        try {
            return Files.readString(Path.of(tokenFile), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw problem(where + ": tokenFile " + tokenFile + " does not exist; correct the path");
        } catch (IOException e) {
            throw problem(where + ": tokenFile " + tokenFile + " cannot be read (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    private ClusterException problem(String message) {
        return new ClusterException((file == null ? "kubeconfig: " : "kubeconfig " + file + ": ") + message);
    }
}
