package io.jenkins.plugins.gitops.engine.chart;

import io.jenkins.plugins.gitops.engine.source.SourceException.Reason;
import io.jenkins.plugins.gitops.engine.source.UrlRedaction;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Helm chart repository over HTTP(S): reads {@code <url>/index.yaml}, resolves the version there and downloads
 * the archive its entry names ({@code urls[0]}, relative to the repository URL, whose query string it keeps, as
 * Helm does). Credentials go only to the repository's host and port: an archive served from another host (a CDN)
 * is downloaded anonymously, as Helm does unless told to pass credentials to all hosts.
 */
final class HelmRepositoryClient {

    /** Large public repositories have indexes of tens of megabytes. */
    static final long MAX_INDEX_BYTES = 64L << 20;

    private final ChartReference reference;
    private final RegistryHttp http;
    private final boolean hasCredentials;
    private final ArchiveLimits limits;
    private final URI base;
    private final String query;

    HelmRepositoryClient(ChartReference reference, RegistryHttp http, boolean hasCredentials, ArchiveLimits limits)
            throws ChartException {
        this.reference = reference;
        this.http = http;
        this.hasCredentials = hasCredentials;
        this.limits = limits;
        URI uri = repositoryUri(reference);
        this.query = uri.getRawQuery();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        this.base = uri.resolve(path.endsWith("/") ? path : path + "/");
    }

    /** The repository's URL without user information, which {@link #userInfo} hands over as credentials. */
    static URI repositoryUri(ChartReference reference) throws ChartException {
        try {
            URI uri = new URI(reference.repository());
            if (uri.getHost() == null) {
                throw new URISyntaxException(reference.redactedRepository(), "no host");
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new ChartException(Reason.INVALID_REQUEST, reference, "not a valid URL (" + e.getReason()
                    + "); write it as https://host/path");
        }
    }

    /**
     * Credentials written into the URL ({@code https://user:token@host/charts}), as some teams keep them; anonymous
     * when there are none. Explicit credentials win over them.
     */
    static ChartCredentials userInfo(ChartReference reference, ChartCredentials given) {
        if (given.hasUsername()) {
            return given;
        }
        try {
            String userInfo = new URI(reference.repository()).getUserInfo();
            if (userInfo == null || userInfo.isEmpty()) {
                return given;
            }
            int colon = userInfo.indexOf(':');
            return new ChartCredentials(colon < 0 ? userInfo : userInfo.substring(0, colon),
                    colon < 0 ? "" : userInfo.substring(colon + 1), given.caCertificates());
        } catch (URISyntaxException e) {
            return given;
        }
    }

    LocatedChart locate() throws ChartException, InterruptedException {
        URI indexUri = withQuery(base.resolve("index.yaml"));
        RegistryHttp.Response response;
        try {
            response = http.get(indexUri, "application/x-yaml, application/yaml, text/yaml, */*", MAX_INDEX_BYTES);
        } catch (IOException e) {
            throw RepositoryFailures.unreachable(reference, indexUri, e);
        }
        if (response.status() != 200) {
            throw RepositoryFailures.status(reference, indexUri, response.status(), hasCredentials,
                    "no index.yaml there; give the URL of the folder that holds the repository's index.yaml");
        }
        HelmRepositoryIndex index;
        try {
            index = HelmRepositoryIndex.parse(response.body(), reference.chartName(), MAX_INDEX_BYTES);
        } catch (HelmRepositoryIndex.MalformedIndexException e) {
            throw new ChartException(Reason.REPOSITORY_NOT_FOUND, reference, UrlRedaction.redact(indexUri.toString())
                    + " is not a chart repository index: " + e.getMessage() + "; check the repository URL");
        }
        if (index.isEmpty()) {
            List<String> charts = index.charts();
            throw new ChartException(Reason.REPOSITORY_NOT_FOUND, reference, "the repository's index.yaml does not list"
                    + " this chart; check the chart name" + (charts.isEmpty() ? " (it lists no chart)"
                    : " (it lists " + String.join(", ", charts.subList(0, Math.min(10, charts.size())))
                            + (charts.size() > 10 ? ", ..." : "") + ")"));
        }
        Optional<String> version;
        try {
            version = VersionResolver.resolve(index.versions(), reference.version());
        } catch (IllegalArgumentException e) {
            throw RepositoryFailures.notARange(reference, e);
        }
        HelmRepositoryIndex.Entry entry = index.entry(version.orElseThrow(
                () -> RepositoryFailures.noVersion(reference, index.versions()))).orElseThrow();
        if (entry.urls().isEmpty()) {
            throw new ChartException(Reason.REPOSITORY_NOT_FOUND, reference, "version " + entry.version() + " has no"
                    + " URL in index.yaml; the repository is broken: tell its maintainers, or pick another version");
        }
        URI archive = archiveUri(entry.urls().get(0));
        return new LocatedChart(entry.version(), digest(entry.digest()), () -> download(archive));
    }

    private byte[] download(URI archive) throws ChartException, InterruptedException {
        try {
            RegistryHttp.Response response = http.get(archive, "application/gzip, application/octet-stream, */*",
                    limits.maxArchiveBytes());
            if (response.status() != 200) {
                throw RepositoryFailures.status(reference, archive, response.status(), hasCredentials,
                        "the archive index.yaml names is missing; the repository is broken: tell its maintainers");
            }
            return response.body();
        } catch (IOException e) {
            throw RepositoryFailures.unreachable(reference, archive, e);
        }
    }

    private URI archiveUri(String url) throws ChartException {
        try {
            URI uri = new URI(url);
            if (uri.isAbsolute()) {
                String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    throw new URISyntaxException(url, "not an http(s) URL");
                }
                return uri;
            }
            return withQuery(base.resolve(uri));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ChartException(Reason.REPOSITORY_NOT_FOUND, reference, "index.yaml names the archive '"
                    + UrlRedaction.redact(url) + "', which is not a valid http(s) URL; the repository is broken: tell"
                    + " its maintainers");
        }
    }

    private URI withQuery(URI uri) {
        if (query == null || uri.getRawQuery() != null) {
            return uri;
        }
        return URI.create(uri + "?" + query);
    }

    /** index.yaml gives the digest as bare hex; anything but 64 hex digits is not checked against. */
    private static String digest(String indexDigest) {
        if (indexDigest == null) {
            return null;
        }
        String hex = indexDigest.toLowerCase(Locale.ROOT).replaceFirst("^sha256:", "");
        return hex.matches("[0-9a-f]{64}") ? "sha256:" + hex : null;
    }
}
