package io.jenkins.plugins.gitops.engine.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jenkins.plugins.gitops.engine.source.SourceException.Reason;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chart in an OCI registry, through the distribution API as Helm uses it: the tags of
 * {@code /v2/<repository>/tags/list} are the versions ({@code _} standing for semver's {@code +}, which tags cannot
 * hold), the tag's image manifest must have Helm's config media type and a chart layer, and the layer is the chart
 * archive, downloaded by its digest and checked against it.
 */
final class OciRegistryClient {

    static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
    static final String HELM_CONFIG_TYPE = "application/vnd.cncf.helm.config.v1+json";
    static final String CHART_LAYER_TYPE = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
    /** What charts pushed by Helm before 3.8 (and some tools) use for the chart layer. */
    private static final String LEGACY_CHART_LAYER_TYPE = "application/tar+gzip";
    private static final long MAX_JSON_BYTES = 4L << 20;
    private static final int MAX_TAG_PAGES = 50;
    /** The distribution spec's repository name: lower-case components separated by '/'. */
    private static final String REPOSITORY_PATH =
            "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*";
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    private final ChartReference reference;
    private final RegistryHttp http;
    private final boolean hasCredentials;
    private final ArchiveLimits limits;
    private final URI registry;
    private final String repository;

    OciRegistryClient(ChartReference reference, RegistryHttp http, boolean hasCredentials, ArchiveLimits limits)
            throws ChartException {
        this.reference = reference;
        this.http = http;
        this.hasCredentials = hasCredentials;
        this.limits = limits;
        this.registry = registryUri(reference);
        String path = reference.repository().substring("oci://".length());
        path = path.substring(path.indexOf('/') < 0 ? path.length() : path.indexOf('/') + 1).replaceAll("/+$", "");
        this.repository = reference.chart().isEmpty() ? path : path.isEmpty() ? reference.chart()
                : path + "/" + reference.chart();
        if (repository.isEmpty() || !repository.matches(REPOSITORY_PATH)) {
            throw new ChartException(Reason.INVALID_REQUEST, reference, "'" + repository + "' is not an OCI repository"
                    + " path (lower-case letters, digits, '.', '_', '-' and '/'); write oci://host/path with the chart"
                    + " name apart or last");
        }
    }

    /** {@code https://host:port} (or {@code http://} for plain HTTP) of an {@code oci://} reference. */
    static URI registryUri(ChartReference reference) throws ChartException {
        String rest = reference.repository().substring("oci://".length());
        String host = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        if (host.isEmpty() || host.contains("@")) {
            throw new ChartException(Reason.INVALID_REQUEST, reference, "an oci:// URL names the registry's host"
                    + " first and no user: oci://host[:port]/path; give credentials apart");
        }
        try {
            URI uri = URI.create((reference.plainHttp() ? "http://" : "https://") + host);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ChartException(Reason.INVALID_REQUEST, reference, "'" + host + "' is not a registry host; write"
                    + " oci://host[:port]/path");
        }
    }

    LocatedChart locate() throws ChartException, InterruptedException {
        List<String> versions = new ArrayList<>();
        for (String tag : tags()) {
            versions.add(tag.replace('_', '+'));
        }
        Optional<String> version;
        try {
            version = VersionResolver.resolve(versions, reference.version());
        } catch (IllegalArgumentException e) {
            throw RepositoryFailures.notARange(reference, e);
        }
        String chosen = version.orElseThrow(() -> RepositoryFailures.noVersion(reference, versions));
        String tag = chosen.replace('+', '_');
        JsonNode layer = chartLayer(tag);
        String digest = layer.path("digest").asText();
        if (!digest.matches("sha256:[0-9a-f]{64}")) {
            throw new ChartException(Reason.INVALID_REQUEST, reference, repository + ":" + tag + " has a chart layer"
                    + " with the digest '" + digest + "'; only sha256 digests are accepted");
        }
        long size = layer.path("size").asLong(-1);
        if (size > limits.maxArchiveBytes()) {
            throw new ChartException(Reason.INVALID_REQUEST, reference, repository + ":" + tag + " has a chart layer of "
                    + size + " bytes, more than the limit of " + limits.maxArchiveBytes() + "; it is not downloaded");
        }
        return new LocatedChart(chosen, digest, () -> blob(digest));
    }

    private List<String> tags() throws ChartException, InterruptedException {
        List<String> tags = new ArrayList<>();
        URI page = api("tags/list");
        for (int pages = 0; page != null && pages < MAX_TAG_PAGES; pages++) {
            RegistryHttp.Response response = get(page, "application/json", MAX_JSON_BYTES);
            if (response.status() != 200) {
                throw RepositoryFailures.status(reference, page, response.status(), hasCredentials,
                        "the registry has no chart at " + registry.getRawAuthority() + "/" + repository + "; check the"
                                + " URL and the chart name");
            }
            json(response, page).path("tags").forEach(tag -> tags.add(tag.asText()));
            Optional<String> link = response.header("Link");
            Matcher next = link.map(NEXT_LINK::matcher).filter(Matcher::find).orElse(null);
            page = next == null ? null : page.resolve(next.group(1));
        }
        return tags;
    }

    /** The tag's chart layer, after checking that the artifact is a Helm chart. */
    private JsonNode chartLayer(String tag) throws ChartException, InterruptedException {
        URI uri = api("manifests/" + tag);
        RegistryHttp.Response response = get(uri, MANIFEST_TYPE, MAX_JSON_BYTES);
        if (response.status() != 200) {
            throw RepositoryFailures.status(reference, uri, response.status(), hasCredentials,
                    "the tag " + tag + " is listed but has no manifest; try again, or tell the registry's maintainers");
        }
        JsonNode manifest = json(response, uri);
        String configType = manifest.path("config").path("mediaType").asText("");
        List<String> layerTypes = new ArrayList<>();
        JsonNode chartLayer = null;
        for (JsonNode layer : manifest.path("layers")) {
            String type = layer.path("mediaType").asText("");
            layerTypes.add(type);
            if (chartLayer == null && (type.equals(CHART_LAYER_TYPE) || type.equals(LEGACY_CHART_LAYER_TYPE))) {
                chartLayer = layer;
            }
        }
        if (!configType.equals(HELM_CONFIG_TYPE) || chartLayer == null) {
            String kind = manifest.path("mediaType").asText("").contains("index") || manifest.has("manifests")
                    ? "an image index" : "config " + (configType.isEmpty() ? "(none)" : configType) + ", layers "
                            + (layerTypes.isEmpty() ? "(none)" : String.join(", ", layerTypes));
            throw new ChartException(Reason.INVALID_REQUEST, reference, registry.getRawAuthority() + "/" + repository
                    + ":" + tag + " is not a Helm chart (" + kind + "); point to a chart pushed with 'helm push'");
        }
        return chartLayer;
    }

    private byte[] blob(String digest) throws ChartException, InterruptedException {
        URI uri = api("blobs/" + digest);
        RegistryHttp.Response response = get(uri, null, limits.maxArchiveBytes());
        if (response.status() != 200) {
            throw RepositoryFailures.status(reference, uri, response.status(), hasCredentials,
                    "the manifest names a layer the registry does not hold; tell the registry's maintainers");
        }
        return response.body();
    }

    private RegistryHttp.Response get(URI uri, String accept, long max) throws ChartException, InterruptedException {
        try {
            return http.get(uri, accept, max);
        } catch (IOException e) {
            throw RepositoryFailures.unreachable(reference, uri, e);
        }
    }

    private JsonNode json(RegistryHttp.Response response, URI uri) throws ChartException {
        try {
            return JsonMapper.builder().build().readTree(response.body());
        } catch (IOException e) {
            throw new ChartException(Reason.INVALID_REQUEST, reference, uri + " did not answer with JSON; check that"
                    + " the URL names an OCI registry");
        }
    }

    private URI api(String rest) {
        return registry.resolve("/v2/" + repository + "/" + rest);
    }
}
