package io.jenkins.plugins.gitops.engine.sync;

import io.jenkins.plugins.gitops.engine.apply.ResolvedObject;
import io.jenkins.plugins.gitops.engine.resource.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where an environment may deploy, as an administrator decides it (the role of Argo CD's AppProject): which API
 * servers, which namespaces, and which cluster-scoped kinds. Checked before anything is written, for syncs,
 * dry runs and previews alike; a desired object outside the policy stops the reconcile with an error naming the
 * object, its file and line, and the rule.
 *
 * <p>Patterns are globs: {@code *} matches any run of characters ({@code team-a-*}, {@code https://*.example.com*}).
 * Kinds are written {@code Kind} (any group) or {@code group/Kind} ({@code rbac.authorization.k8s.io/ClusterRole}).
 *
 * @param source who set it, for messages ({@code the global deployment policy}, {@code the policy of folder team-a})
 * @param servers the API server URLs environments may deploy to; empty for any
 * @param namespaces the namespaces they may deploy into (and create); empty for any
 * @param clusterKinds the cluster-scoped kinds they may apply; {@code *} for any
 */
public record DeploymentPolicy(String source, List<String> servers, List<String> namespaces, List<String> clusterKinds) implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** What an environment may do when no administrator said otherwise in Jenkins: any namespace, no cluster-scoped kind but Namespace. */
    public static final List<String> DEFAULT_CLUSTER_KINDS = List.of("Namespace");

    public DeploymentPolicy {
        Objects.requireNonNull(source, "source");
        servers = clean(servers);
        namespaces = clean(namespaces);
        clusterKinds = clean(clusterKinds);
    }

    /** No restriction at all: the command line's default, where the user's kubeconfig is the only limit. */
    public static DeploymentPolicy unrestricted() {
        return new DeploymentPolicy("no deployment policy", List.of(), List.of(), List.of("*"));
    }

    /** The violations of this policy by {@code objects} sent to {@code serverUrl}, each a sentence; empty when none. */
    public List<String> violations(String serverUrl, List<ResolvedObject> objects) {
        List<String> violations = new ArrayList<>();
        if (!allowsServer(serverUrl)) {
            violations.add("the API server " + serverUrl + " is not allowed by " + source + " (allowed: "
                    + String.join(", ", servers) + "); ask an administrator, or point the environment at an allowed cluster");
        }
        for (ResolvedObject object : objects) {
            String where = object.ref() + where(object.source().origin());
            if (!object.type().namespaced()) {
                if (!allowsClusterKind(object.ref().group(), object.ref().kind())) {
                    violations.add(where + ": the cluster-scoped kind " + object.ref().kind() + " is not allowed by "
                            + source + " (allowed: " + (clusterKinds.isEmpty() ? "none" : String.join(", ", clusterKinds))
                            + "); ask an administrator to allow it, or remove it from Git");
                } else if (object.ref().kind().equals("Namespace") && object.ref().group().isEmpty()
                        && !allowsNamespace(object.ref().name())) {
                    violations.add(where + ": namespace " + object.ref().name() + " is not allowed by " + source
                            + " (allowed: " + String.join(", ", namespaces) + "); ask an administrator, or remove it from Git");
                }
            } else if (!allowsNamespace(object.ref().namespace())) {
                violations.add(where + ": namespace " + object.ref().namespace() + " is not allowed by " + source
                        + " (allowed: " + String.join(", ", namespaces) + "); deploy into an allowed namespace, or ask an"
                        + " administrator");
            }
        }
        return violations;
    }

    /** The violations of every policy in {@code policies} (a global one, then each enclosing folder's). */
    public static List<String> violations(List<DeploymentPolicy> policies, String serverUrl, List<ResolvedObject> objects) {
        List<String> all = new ArrayList<>();
        for (DeploymentPolicy policy : policies) {
            all.addAll(policy.violations(serverUrl, objects));
        }
        return all;
    }

    /**
     * Whether {@code serverUrl} is allowed. A trailing slash is ignored on both sides: fabric8 adds one to every
     * server URL ({@code https://k8s.example.com:6443/}), administrators write it without.
     */
    public boolean allowsServer(String serverUrl) {
        String server = withoutTrailingSlash(serverUrl);
        return servers.isEmpty()
                || servers.stream().anyMatch(pattern -> glob(withoutTrailingSlash(pattern)).matcher(server).matches());
    }

    public boolean allowsNamespace(String namespace) {
        return namespaces.isEmpty() || namespaces.stream().anyMatch(pattern -> glob(pattern).matcher(namespace).matches());
    }

    public boolean allowsClusterKind(String group, String kind) {
        String qualified = group.isEmpty() ? kind : group + "/" + kind;
        return clusterKinds.stream().anyMatch(allowed -> allowed.equals("*")
                || (!allowed.contains("/") && allowed.equalsIgnoreCase(kind))
                || allowed.equalsIgnoreCase(qualified));
    }

    /** One line for a page: {@code namespaces team-a-*; cluster-scoped kinds Namespace; any API server}. */
    public String describe() {
        return "namespaces " + (namespaces.isEmpty() ? "any" : String.join(", ", namespaces))
                + "; cluster-scoped kinds " + (clusterKinds.isEmpty() ? "none" : clusterKinds.contains("*") ? "any"
                        : String.join(", ", clusterKinds))
                + "; " + (servers.isEmpty() ? "any API server" : "API servers " + String.join(", ", servers));
    }

    private static String where(Origin origin) {
        return origin == null ? "" : " (" + origin + ")";
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Pattern glob(String pattern) {
        String[] parts = pattern.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            regex.append(i == 0 ? "" : ".*").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    private static List<String> clean(List<String> values) {
        List<String> cleaned = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                String trimmed = value == null ? "" : value.trim();
                if (!trimmed.isEmpty()) {
                    cleaned.add(trimmed);
                }
            }
        }
        return List.copyOf(cleaned);
    }
}
