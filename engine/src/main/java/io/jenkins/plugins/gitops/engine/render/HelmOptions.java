package io.jenkins.plugins.gitops.engine.render;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a Helm chart is templated.
 *
 * @param releaseName the release name ({@code .Release.Name}); {@code null} means the chart folder's name
 * @param namespace the release namespace ({@code .Release.Namespace}); {@code null} means "default", as
 *     with {@code helm template}. Objects whose templates set no namespace stay without one.
 * @param valuesFiles values files, repository-relative (not chart-relative), applied in order after the
 *     chart's own values.yaml; none may leave the repository
 * @param values inline values, applied last (they win over every file); nested maps and lists as parsed
 *     from YAML or JSON. A {@code null} value removes the key, as in Helm.
 * @param tool helm-java (no install needed) or a helm binary
 * @param executable the helm binary's path for {@link HelmTool#BINARY}, or {@code null} to look it up
 *     on the PATH
 * @param kubeVersion the Kubernetes version for {@code .Capabilities.KubeVersion} (such as "1.30.0"), or
 *     {@code null} for Helm's default; charts with a kubeVersion constraint may need it. Read as Argo CD reads
 *     it: major, minor and patch ({@code 1.28} is {@code v1.28.0}, {@code v1.28.3+k3s1} is {@code v1.28.3}).
 * @param includeCrds whether the chart's {@code crds/} files are part of the result, as
 *     {@code helm install} would create them; usually wanted, since the chart's objects need them
 * @param timeout how long one template may take, waiting for a render slot included; it is normally about a
 *     second (the Helm process's start included). Past it, the process is killed.
 * @param apiVersions the API versions the chart is told the cluster serves, added to Helm's default set for
 *     {@code .Capabilities.APIVersions}: {@code group/version} and {@code group/version/Kind} strings
 *     ({@code policy/v1}, {@code policy/v1/PodDisruptionBudget}), as Argo CD passes the destination's.
 *     The helm binary is given them; helm-java cannot be, so its render warns where a chart asks about one
 *     (see {@link HelmCapabilities}).
 */
public record HelmOptions(
        String releaseName,
        String namespace,
        List<String> valuesFiles,
        Map<String, Object> values,
        HelmTool tool,
        String executable,
        String kubeVersion,
        boolean includeCrds,
        Duration timeout,
        List<String> apiVersions) implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private static final Pattern KUBE_VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    public HelmOptions {
        valuesFiles = List.copyOf(valuesFiles);
        // Not Map.copyOf: a null value is meaningful (it removes a default).
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(timeout, "timeout");
        releaseName = blankToNull(releaseName);
        namespace = blankToNull(namespace);
        executable = blankToNull(executable);
        kubeVersion = kubeVersion(blankToNull(kubeVersion));
        apiVersions = List.copyOf(apiVersions);
    }

    /** helm-java, release named after the folder, namespace "default", no values, CRDs included, 2 minutes. */
    public static HelmOptions defaults() {
        return new HelmOptions(null, null, List.of(), Map.of(), HelmTool.LIBRARY, null, null, true,
                Duration.ofMinutes(2), List.of());
    }

    public HelmOptions withReleaseName(String name) {
        return new HelmOptions(name, namespace, valuesFiles, values, tool, executable, kubeVersion,
                includeCrds, timeout, apiVersions);
    }

    public HelmOptions withNamespace(String newNamespace) {
        return new HelmOptions(releaseName, newNamespace, valuesFiles, values, tool, executable, kubeVersion,
                includeCrds, timeout, apiVersions);
    }

    public HelmOptions withValuesFiles(List<String> files) {
        return new HelmOptions(releaseName, namespace, files, values, tool, executable, kubeVersion,
                includeCrds, timeout, apiVersions);
    }

    public HelmOptions withValues(Map<String, Object> newValues) {
        return new HelmOptions(releaseName, namespace, valuesFiles, newValues, tool, executable, kubeVersion,
                includeCrds, timeout, apiVersions);
    }

    public HelmOptions withTool(HelmTool newTool) {
        return new HelmOptions(releaseName, namespace, valuesFiles, values, newTool, executable, kubeVersion,
                includeCrds, timeout, apiVersions);
    }

    public HelmOptions withExecutable(String newExecutable) {
        return new HelmOptions(releaseName, namespace, valuesFiles, values, tool, newExecutable, kubeVersion,
                includeCrds, timeout, apiVersions);
    }

    public HelmOptions withKubeVersion(String version) {
        return new HelmOptions(releaseName, namespace, valuesFiles, values, tool, executable, version,
                includeCrds, timeout, apiVersions);
    }

    public HelmOptions withIncludeCrds(boolean include) {
        return new HelmOptions(releaseName, namespace, valuesFiles, values, tool, executable, kubeVersion,
                include, timeout, apiVersions);
    }

    public HelmOptions withTimeout(Duration newTimeout) {
        return new HelmOptions(releaseName, namespace, valuesFiles, values, tool, executable, kubeVersion,
                includeCrds, newTimeout, apiVersions);
    }

    public HelmOptions withApiVersions(List<String> versions) {
        return new HelmOptions(releaseName, namespace, valuesFiles, values, tool, executable, kubeVersion,
                includeCrds, timeout, versions);
    }

    /** {@code v<major>.<minor>.<patch>}; a text that does not start with a version is left for Helm to refuse. */
    private static String kubeVersion(String text) {
        Matcher version = KUBE_VERSION.matcher(text == null ? "" : text.strip());
        if (!version.lookingAt()) {
            return text;
        }
        return "v" + version.group(1) + "." + version.group(2) + "." + (version.group(3) == null ? "0" : version.group(3));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
