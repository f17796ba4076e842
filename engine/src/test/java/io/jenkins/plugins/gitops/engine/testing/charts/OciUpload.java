package io.jenkins.plugins.gitops.engine.testing.charts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Pushes artifacts to an OCI registry over plain HTTP, as {@code helm push} does for a chart: the config and the
 * chart archive as blobs (monolithic upload: POST for a session, PUT with the digest), then the image manifest
 * under the version's tag ({@code +} written as {@code _}).
 */
public final class OciUpload {

    public static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
    public static final String HELM_CONFIG_TYPE = "application/vnd.cncf.helm.config.v1+json";
    public static final String CHART_LAYER_TYPE = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

    private final HttpClient client = HttpClient.newHttpClient();
    private final String host;
    private final String authorization;

    /** @param user {@code null} for an anonymous registry */
    public OciUpload(String host, String user, String password) {
        this.host = host;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Pushes a chart archive as {@code <repository>:<version>}; returns the archive's digest. */
    public String pushChart(String repository, String name, String version, byte[] archive) {
        byte[] config = ("{\"apiVersion\":\"v2\",\"name\":\"" + name + "\",\"version\":\"" + version + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        return push(repository, version.replace('+', '_'), HELM_CONFIG_TYPE, config, CHART_LAYER_TYPE, archive);
    }

    /** Pushes any artifact (a container image layer, say) as {@code <repository>:<tag>}; returns the layer's digest. */
    public String push(String repository, String tag, String configType, byte[] config, String layerType, byte[] layer) {
        String configDigest = blob(repository, config);
        String layerDigest = blob(repository, layer);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST_TYPE + "\",\"config\":{\"mediaType\":\""
                + configType + "\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length + "},\"layers\":[{"
                + "\"mediaType\":\"" + layerType + "\",\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}";
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + tag))
                .header("Content-Type", MANIFEST_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString(manifest)));
        expect(response, 201, "PUT manifest " + repository + ":" + tag);
        return layerDigest;
    }

    private String blob(String repository, byte[] content) {
        String digest = "sha256:" + ChartRepositoryServer.sha256(content);
        HttpResponse<String> session = send(HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        expect(session, 202, "POST blob upload");
        String location = session.headers().firstValue("Location").orElseThrow();
        URI upload = uri("/").resolve(location);
        URI put = URI.create(upload + (upload.getRawQuery() == null ? "?" : "&") + "digest=" + digest);
        HttpResponse<String> response = send(HttpRequest.newBuilder(put)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
        expect(response, 201, "PUT blob " + digest);
        return digest;
    }

    private URI uri(String path) {
        return URI.create("http://" + host + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the registry at " + host + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }
}
