package io.jenkins.plugins.gitops.engine.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an environment folder for the reconcile benchmarks: {@code objects} plain manifests spread
 * evenly over five kinds (ConfigMap, Secret, Service, ServiceAccount, Deployment), one multi-document
 * file per kind, as a real repository would hold them. Services are headless: the test API server's
 * service IP range (a /24) would not hold the 2,000 Services of the 100 x 100 benchmark.
 */
final class BenchEnvironment {

    static final int KINDS = 5;

    private BenchEnvironment() {
    }

    static Path write(Path folder, int objects, String namespace, String marker) throws IOException {
        Files.createDirectories(folder);
        StringBuilder[] files = new StringBuilder[KINDS];
        for (int i = 0; i < KINDS; i++) {
            files[i] = new StringBuilder();
        }
        for (int i = 0; i < objects; i++) {
            int kind = i % KINDS;
            String name = "obj-" + i;
            files[kind].append("---\n").append(switch (kind) {
                case 0 -> configMap(name, namespace, marker);
                case 1 -> secret(name, namespace);
                case 2 -> service(name, namespace);
                case 3 -> serviceAccount(name, namespace);
                default -> deployment(name, namespace);
            });
        }
        String[] names = {"configmaps.yaml", "secrets.yaml", "services.yaml", "serviceaccounts.yaml", "deployments.yaml"};
        for (int i = 0; i < KINDS; i++) {
            Files.writeString(folder.resolve(names[i]), files[i], StandardCharsets.UTF_8);
        }
        return folder;
    }

    private static String configMap(String name, String namespace, String marker) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                  namespace: %s
                data:
                  greeting: "hello %s"
                  limit: "100"
                """.formatted(name, namespace, marker);
    }

    private static String secret(String name, String namespace) {
        return """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: %s
                  namespace: %s
                type: Opaque
                stringData:
                  password: "not-a-real-password-%s"
                """.formatted(name, namespace, name);
    }

    private static String service(String name, String namespace) {
        return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  clusterIP: None
                  selector: {app: %s}
                  ports:
                    - name: http
                      port: 80
                      targetPort: 8080
                      protocol: TCP
                """.formatted(name, namespace, name);
    }

    private static String serviceAccount(String name, String namespace) {
        return """
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: %s
                  namespace: %s
                """.formatted(name, namespace);
    }

    private static String deployment(String name, String namespace) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                  namespace: %2$s
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: %1$s}
                  template:
                    metadata:
                      labels: {app: %1$s}
                    spec:
                      containers:
                        - name: main
                          image: nginx:1.25
                          ports:
                            - containerPort: 8080
                          resources:
                            requests: {cpu: 100m, memory: 64Mi}
                """.formatted(name, namespace);
    }
}
