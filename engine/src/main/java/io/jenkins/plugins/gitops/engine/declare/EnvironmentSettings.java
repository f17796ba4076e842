package io.jenkins.plugins.gitops.engine.declare;

import java.util.ArrayList;
import java.util.List;

/**
 * The settings one environment can be given by a folder: where its manifests are, which cluster and namespace
 * they go to and how it syncs. Every field may be null, meaning "not set here": a declaration file's settings
 * are completed by the folder's template ({@link #orElse}), and what is still null keeps the environment's
 * own default.
 *
 * @param repositoryUrl the Git repository of the manifests
 * @param revision branch, tag or commit of the manifests
 * @param credentialsId Jenkins credentials to read {@code repositoryUrl}
 * @param path folder of the manifests inside the repository
 * @param serverUrl the cluster's API server URL (null: the cluster credential's, or in-cluster)
 * @param clusterCredentialsId Jenkins credentials for the cluster
 * @param namespace the default namespace of namespaced objects without one
 * @param renderer {@code auto}, {@code plain}, {@code kustomize} or {@code helm}
 * @param automated sync on change
 * @param prune delete objects removed from Git
 * @param selfHeal undo changes made in the cluster
 * @param checkIntervalMinutes how often to compare Git with the cluster
 * @param agentLabel the label expression of the agents the environment's runs go to (null: the global default)
 * @param helmReleaseName the Helm release name (renderer {@code helm})
 * @param helmValuesFiles values files of the chart, repository-relative; a later file wins
 */
public record EnvironmentSettings(String repositoryUrl, String revision, String credentialsId, String path,
        String serverUrl, String clusterCredentialsId, String namespace, String renderer, Boolean automated,
        Boolean prune, Boolean selfHeal, Integer checkIntervalMinutes, String agentLabel, String helmReleaseName,
        List<String> helmValuesFiles) {

    public static final EnvironmentSettings NONE = builder().build();

    public EnvironmentSettings {
        helmValuesFiles = helmValuesFiles == null ? null : List.copyOf(helmValuesFiles);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** These settings, with every unset one taken from {@code defaults}. */
    public EnvironmentSettings orElse(EnvironmentSettings defaults) {
        return new EnvironmentSettings(first(repositoryUrl, defaults.repositoryUrl), first(revision, defaults.revision),
                first(credentialsId, defaults.credentialsId), first(path, defaults.path),
                first(serverUrl, defaults.serverUrl), first(clusterCredentialsId, defaults.clusterCredentialsId),
                first(namespace, defaults.namespace), first(renderer, defaults.renderer),
                first(automated, defaults.automated), first(prune, defaults.prune), first(selfHeal, defaults.selfHeal),
                first(checkIntervalMinutes, defaults.checkIntervalMinutes), first(agentLabel, defaults.agentLabel),
                first(helmReleaseName, defaults.helmReleaseName), first(helmValuesFiles, defaults.helmValuesFiles));
    }

    /**
     * These settings with the placeholders of every text setting expanded for {@code match}: a template can
     * say {@code path: {path}} or {@code clusterCredentialsId: kube-{path[1]}}.
     */
    public EnvironmentSettings expand(MatchedPath match) throws DeclarationException {
        List<String> valuesFiles = null;
        if (helmValuesFiles != null) {
            valuesFiles = new ArrayList<>();
            for (String file : helmValuesFiles) {
                valuesFiles.add(Placeholders.expand(file, match));
            }
        }
        return new EnvironmentSettings(Placeholders.expand(repositoryUrl, match), Placeholders.expand(revision, match),
                Placeholders.expand(credentialsId, match), Placeholders.expand(path, match),
                Placeholders.expand(serverUrl, match), Placeholders.expand(clusterCredentialsId, match),
                Placeholders.expand(namespace, match), renderer, automated, prune, selfHeal, checkIntervalMinutes,
                Placeholders.expand(agentLabel, match), Placeholders.expand(helmReleaseName, match), valuesFiles);
    }

    private static <T> T first(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** Builds settings one field at a time; unset fields stay null. */
    public static final class Builder {
        private String repositoryUrl;
        private String revision;
        private String credentialsId;
        private String path;
        private String serverUrl;
        private String clusterCredentialsId;
        private String namespace;
        private String renderer;
        private Boolean automated;
        private Boolean prune;
        private Boolean selfHeal;
        private Integer checkIntervalMinutes;
        private String agentLabel;
        private String helmReleaseName;
        private List<String> helmValuesFiles;

        private Builder() {
        }

        public Builder repositoryUrl(String value) {
            repositoryUrl = blankToNull(value);
            return this;
        }

        public Builder revision(String value) {
            revision = blankToNull(value);
            return this;
        }

        public Builder credentialsId(String value) {
            credentialsId = blankToNull(value);
            return this;
        }

        public Builder path(String value) {
            path = value;
            return this;
        }

        public Builder serverUrl(String value) {
            serverUrl = blankToNull(value);
            return this;
        }

        public Builder clusterCredentialsId(String value) {
            clusterCredentialsId = blankToNull(value);
            return this;
        }

        public Builder namespace(String value) {
            namespace = blankToNull(value);
            return this;
        }

        public Builder renderer(String value) {
            renderer = blankToNull(value);
            return this;
        }

        public Builder automated(Boolean value) {
            automated = value;
            return this;
        }

        public Builder prune(Boolean value) {
            prune = value;
            return this;
        }

        public Builder selfHeal(Boolean value) {
            selfHeal = value;
            return this;
        }

        public Builder checkIntervalMinutes(Integer value) {
            checkIntervalMinutes = value;
            return this;
        }

        public Builder agentLabel(String value) {
            agentLabel = blankToNull(value);
            return this;
        }

        public Builder helmReleaseName(String value) {
            helmReleaseName = blankToNull(value);
            return this;
        }

        public Builder helmValuesFiles(List<String> value) {
            helmValuesFiles = value;
            return this;
        }

        public EnvironmentSettings build() {
            return new EnvironmentSettings(repositoryUrl, revision, credentialsId, path, serverUrl,
                    clusterCredentialsId, namespace, renderer, automated, prune, selfHeal, checkIntervalMinutes,
                    agentLabel, helmReleaseName, helmValuesFiles);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }
    }
}
