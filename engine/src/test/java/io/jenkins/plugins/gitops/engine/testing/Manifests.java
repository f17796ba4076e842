package io.jenkins.plugins.gitops.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.resource.Origin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Desired objects for tests, from YAML text, each with an origin {@code <file>:<document number>}. */
public final class Manifests {

    private static final ObjectMapper YAML = new YAMLMapper();

    private Manifests() {
    }

    public static List<KubeObject> parse(String file, String yaml) {
        List<KubeObject> objects = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            int document = 0;
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode node = it.next();
                document++;
                if (node instanceof ObjectNode object) {
                    objects.add(new KubeObject(object, new Origin(file, document)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    public static List<KubeObject> concat(List<KubeObject> first, List<KubeObject> second) {
        List<KubeObject> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** One ConfigMap per name (each with {@code k: v}), in one file {@code app.yaml}, in the order given. */
    public static List<KubeObject> configMaps(String... names) {
        StringBuilder yaml = new StringBuilder();
        for (String name : names) {
            yaml.append(configMap(name, "k", "v")).append("---\n");
        }
        return parse("app.yaml", yaml.toString());
    }

    public static String configMap(String name, String key, String value) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                data:
                  %s: "%s"
                """.formatted(name, key, value);
    }

    public static String deployment(String name, int replicas, String image) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                spec:
                  replicas: %2$d
                  selector:
                    matchLabels: {app: %1$s}
                  template:
                    metadata:
                      labels: {app: %1$s}
                    spec:
                      containers:
                        - name: main
                          image: %3$s
                          ports:
                            - containerPort: 8080
                          resources:
                            requests: {cpu: "0.5", memory: 128Mi}
                """.formatted(name, replicas, image);
    }

    public static String service(String name) {
        return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: %1$s
                spec:
                  selector: {app: %1$s}
                  ports:
                    - port: 80
                      targetPort: 8080
                """.formatted(name);
    }

    public static String secret(String name, String key, String value) {
        return """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: %s
                type: Opaque
                stringData:
                  %s: "%s"
                """.formatted(name, key, value);
    }
}
