package io.jenkins.plugins.gitops.engine.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.gitops.engine.source.SourceException.Reason;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Gets the chart a {@link ChartReference} names: resolves the version in the repository's index or the registry's
 * tags, takes the archive from the {@link ChartCache} when it holds the digest the repository states, downloads it
 * otherwise, checks its digest (against the repository's and against the pinned one), extracts it
 * ({@link ChartArchive}) and checks that its Chart.yaml is the chart and version asked for.
 *
 * <p>A reference pinned to a digest that the cache holds is served from the cache without asking the repository:
 * the archive is the very one the digest names, so "sync this revision again" works while the repository is
 * down. Otherwise, a pinned version whose archive now has another digest is refused: somebody replaced the chart
 * under the same version.
 */
public final class ChartFetcher {

    /** Requests to a repository or registry that take longer fail. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final ChartCache cache;
    private final ArchiveLimits limits;
    private final Duration timeout;

    /**
     * @param cache where archives are kept by digest; {@code null} to download each time
     * @param timeout how long each request may take
     */
    public ChartFetcher(ChartCache cache, ArchiveLimits limits, Duration timeout) {
        this.cache = cache;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * @throws ChartException when the chart cannot be found, downloaded, trusted or extracted; its message names
     *     the repository (without credentials) and says what to do
     * @throws InterruptedException when the thread was interrupted (a cancelled sync)
     */
    public ResolvedChart fetch(ChartReference reference, ChartCredentials credentials)
            throws ChartException, InterruptedException {
        Objects.requireNonNull(credentials, "credentials");
        if (reference.digest() != null) {
            Optional<ResolvedChart> cached = fromCache(reference, reference.digest(), reference.version());
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        LocatedChart located = locate(reference, credentials);
        String pinned = reference.digest();
        if (pinned != null && located.expectedDigest() != null && !pinned.equals(located.expectedDigest())) {
            throw digestChanged(reference, located.version(), located.expectedDigest());
        }
        if (located.expectedDigest() != null) {
            Optional<ResolvedChart> cached = fromCache(reference, located.expectedDigest(), located.version());
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        byte[] archive = located.download().archive();
        String digest = ChartCache.digestOf(archive);
        if (located.expectedDigest() != null && !located.expectedDigest().equals(digest)) {
            throw new ChartException(Reason.INVALID_REQUEST, reference, "the archive of version " + located.version()
                    + " has the digest " + digest + ", but the repository states " + located.expectedDigest()
                    + "; the download was altered or the repository is inconsistent: nothing was rendered, try again"
                    + " or tell the repository's maintainers");
        }
        if (pinned != null && !pinned.equals(digest)) {
            throw digestChanged(reference, located.version(), digest);
        }
        ChartFiles files = extract(reference, archive, located.version(), digest);
        if (cache != null) {
            cache.put(digest, archive);
        }
        return new ResolvedChart(reference, located.version(), digest, files, false);
    }

    private LocatedChart locate(ChartReference reference, ChartCredentials credentials)
            throws ChartException, InterruptedException {
        URI origin = reference.isOci() ? OciRegistryClient.registryUri(reference)
                : HelmRepositoryClient.repositoryUri(reference);
        credentials = reference.isOci() ? credentials : HelmRepositoryClient.userInfo(reference, credentials);
        RegistryHttp http;
        try {
            http = new RegistryHttp(origin, credentials, timeout, !reference.isOci());
        } catch (GeneralSecurityException | IOException e) {
            throw new ChartException(Reason.INVALID_REQUEST, reference, "the CA certificates cannot be used ("
                    + e.getMessage() + "); give PEM certificates (-----BEGIN CERTIFICATE-----)", e);
        }
        return reference.isOci()
                ? new OciRegistryClient(reference, http, credentials.hasUsername(), limits).locate()
                : new HelmRepositoryClient(reference, http, credentials.hasUsername(), limits).locate();
    }

    private Optional<ResolvedChart> fromCache(ChartReference reference, String digest, String version)
            throws ChartException {
        if (cache == null) {
            return Optional.empty();
        }
        Optional<byte[]> archive = cache.get(digest);
        if (archive.isEmpty()) {
            return Optional.empty();
        }
        ChartFiles files = extract(reference, archive.get(), null, digest);
        String actual = chartYamlVersion(files);
        if (!version.isEmpty() && !sameVersion(version, actual)) {
            return Optional.empty();
        }
        return Optional.of(new ResolvedChart(reference, actual, digest, files, true));
    }

    private ChartFiles extract(ChartReference reference, byte[] archive, String version, String digest)
            throws ChartException {
        ChartFiles files;
        try {
            files = ChartArchive.extract(archive, limits, "chart " + reference.chartName() + " "
                    + (version == null ? "" : version + " ") + "(" + digest + ") from " + reference.redactedRepository());
        } catch (ChartArchive.ArchiveException e) {
            throw new ChartException(Reason.INVALID_REQUEST, reference, "the archive" + (version == null ? ""
                    : " of version " + version) + " is refused: " + e.getMessage() + "; nothing was rendered",
                    e);
        }
        JsonNode chartYaml = chartYaml(reference, files);
        String name = chartYaml.path("name").asText("");
        if (!name.equals(reference.chartName())) {
            throw new ChartException(Reason.INVALID_REQUEST, reference, "the archive holds the chart '" + name
                    + "', not '" + reference.chartName() + "'; the repository is inconsistent: tell its maintainers");
        }
        String actual = chartYaml.path("version").asText("");
        if (version != null && !sameVersion(version, actual)) {
            throw new ChartException(Reason.INVALID_REQUEST, reference, "the archive of version " + version
                    + " holds version '" + actual + "' in its Chart.yaml; the repository is inconsistent: tell its"
                    + " maintainers");
        }
        return files;
    }

    private static JsonNode chartYaml(ChartReference reference, ChartFiles files) throws ChartException {
        try {
            JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(files.read("Chart.yaml"));
            if (node == null || !node.isObject()) {
                throw new IOException("not a map");
            }
            return node;
        } catch (IOException e) {
            throw new ChartException(Reason.INVALID_REQUEST, reference, "the archive's Chart.yaml cannot be read ("
                    + e.getMessage() + "); it is not a valid Helm chart");
        }
    }

    private static String chartYamlVersion(ChartFiles files) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(files.read("Chart.yaml")).path("version").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    /** Equal as versions (build metadata aside), or as text when either is not a version. */
    private static boolean sameVersion(String left, String right) {
        Optional<SemanticVersion> a = SemanticVersion.parse(left);
        Optional<SemanticVersion> b = SemanticVersion.parse(right);
        return a.isPresent() && b.isPresent() ? a.get().sameAs(b.get()) : left.equals(right);
    }

    private static ChartException digestChanged(ChartReference reference, String version, String actual) {
        return new ChartException(Reason.INVALID_REQUEST, reference, "version " + version + " now has the digest "
                + actual + ", not the pinned " + reference.digest() + ": the chart was replaced under the same version,"
                + " so it is not rendered; review the new chart, then sync without the pinned digest to accept it");
    }
}
