package io.jenkins.plugins.gitops.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a kubeconfig would make the machine that reads it do besides talking to the API server: run a command
 * ({@code exec}, {@code auth-provider}) or read one of its files ({@code tokenFile}, {@code client-certificate},
 * {@code client-key}, {@code certificate-authority}). On a user's own machine that is the point; in Jenkins, a
 * kubeconfig uploaded as a credential is someone else's input, and any of these would run a command on the
 * controller or read its files (fabric8 runs {@code exec} while it reads the kubeconfig). The check runs before
 * the kubeconfig is handed to the client.
 */
public final class KubeconfigSafety {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Fields of {@code users[].user} that run something or read a file. */
    private static final List<String> USER_FIELDS = List.of("exec", "auth-provider", "tokenFile", "client-certificate",
            "client-key");
    /** Fields of {@code clusters[].cluster} that read a file. */
    private static final List<String> CLUSTER_FIELDS = List.of("certificate-authority");

    private KubeconfigSafety() {
    }

    /**
     * The fields of {@code kubeconfigYaml} that would run a command or read a file of this machine, as paths
     * ({@code users[0].user.exec}); empty when there are none. A document that is not YAML has none: the client's
     * own parsing reports it.
     */
    public static List<String> sideEffects(String kubeconfigYaml) {
        List<String> found = new ArrayList<>();
        JsonNode root;
        try {
            root = YAML.readTree(kubeconfigYaml);
        } catch (IOException e) {
            return found;
        }
        if (root == null) {
            return found;
        }
        collect(root.path("users"), "users", "user", USER_FIELDS, found);
        collect(root.path("clusters"), "clusters", "cluster", CLUSTER_FIELDS, found);
        return found;
    }

    private static void collect(JsonNode entries, String list, String entry, List<String> fields, List<String> found) {
        for (int i = 0; i < entries.size(); i++) {
            JsonNode body = entries.get(i).path(entry);
            for (String field : fields) {
                JsonNode value = body.get(field);
                if (value != null && !value.isNull() && !(value.isTextual() && value.asText().isBlank())) {
                    found.add(list + "[" + i + "]." + entry + "." + field);
                }
            }
        }
    }
}
