package io.jenkins.plugins.gitops.engine.chart;

import io.jenkins.plugins.gitops.engine.source.UrlRedaction;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which chart to render, named as Argo CD ({@code repoURL}, {@code chart}, {@code targetRevision}) and Flux
 * ({@code HelmRepository.url}, {@code HelmRelease.chart.spec.chart} and {@code version}) name it.
 *
 * @param repository the chart repository's URL ({@code https://charts.example.com/stable}, whose
 *     {@code index.yaml} lists the charts) or an OCI registry path ({@code oci://ghcr.io/org/charts})
 * @param chart the chart's name; for {@code oci://} it may be empty when the URL ends with the chart
 *     ({@code oci://ghcr.io/org/charts/podinfo})
 * @param version an exact version, a range ({@code ^6.5}, {@code >=1.0 <2.0}, Helm's rules), or empty for
 *     the latest stable version
 * @param digest the chart archive's digest ({@code sha256:<64 hex digits>}) that the version must still have,
 *     to render exactly the chart a former sync rendered; {@code null} to accept whatever the version has now
 * @param plainHttp for {@code oci://}: talk to the registry over HTTP instead of HTTPS (Helm's
 *     {@code --plain-http}, Flux's {@code insecure}); for a local test registry, never over a network
 */
public record ChartReference(String repository, String chart, String version, String digest, boolean plainHttp) implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    public ChartReference {
        Objects.requireNonNull(repository, "repository");
        repository = repository.strip();
        chart = chart == null ? "" : chart.strip();
        version = version == null ? "" : version.strip();
        digest = digest == null || digest.isBlank() ? null : digest.strip().toLowerCase(Locale.ROOT);
        String scheme = repository.toLowerCase(Locale.ROOT);
        if (!scheme.startsWith("http://") && !scheme.startsWith("https://") && !scheme.startsWith("oci://")) {
            throw new IllegalArgumentException("chart repository " + UrlRedaction.redact(repository)
                    + ": not an http://, https:// or oci:// URL; give the URL of a Helm chart repository (the folder"
                    + " of its index.yaml) or oci://host/path of an OCI registry");
        }
        if (chart.isEmpty() && !scheme.startsWith("oci://")) {
            throw new IllegalArgumentException("chart repository " + UrlRedaction.redact(repository)
                    + ": no chart name; give the name of a chart its index.yaml lists");
        }
        if (!chart.isEmpty() && !chart.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("chart name '" + chart + "' is not a chart name (letters, digits,"
                    + " '.', '_' and '-'); give the name as the repository lists it");
        }
        if (digest != null && !DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException("chart digest '" + digest + "' is not sha256:<64 hex digits>; copy it"
                    + " from the report of the sync to repeat");
        }
        if (digest != null && SemanticVersion.parse(version).isEmpty()) {
            throw new IllegalArgumentException("chart digest " + digest + " needs the exact version it was recorded"
                    + " with, not '" + version + "'; copy both from the report of the sync to repeat");
        }
    }

    /** A reference to the latest stable version, over HTTPS. */
    public static ChartReference of(String repository, String chart, String version) {
        return new ChartReference(repository, chart, version, null, false);
    }

    public boolean isOci() {
        return repository.regionMatches(true, 0, "oci://", 0, 6);
    }

    /** The same chart, pinned to {@code exactVersion} with {@code archiveDigest}: what "sync again" asks for. */
    public ChartReference pinnedTo(String exactVersion, String archiveDigest) {
        return new ChartReference(repository, chart, exactVersion, archiveDigest, plainHttp);
    }

    public ChartReference withPlainHttp(boolean plain) {
        return new ChartReference(repository, chart, version, digest, plain);
    }

    /** The repository URL as messages and reports show it: without user information or query values. */
    public String redactedRepository() {
        return UrlRedaction.redact(repository);
    }

    /** The chart's name: {@link #chart()}, or for {@code oci://} without one, the URL's last segment. */
    public String chartName() {
        if (!chart.isEmpty()) {
            return chart;
        }
        String path = repository.replaceAll("/+$", "");
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return redactedRepository() + " chart " + chartName() + (version.isEmpty() ? "" : " version " + version)
                + (digest == null ? "" : " digest " + digest);
    }
}
