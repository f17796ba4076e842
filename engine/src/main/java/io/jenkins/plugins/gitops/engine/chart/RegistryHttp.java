package io.jenkins.plugins.gitops.engine.chart;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * GET requests to a chart repository or registry with our own bounds: a timeout per request, a size limit per
 * body (checked while reading), redirects followed by hand (at most {@value #MAX_REDIRECTS}) so that credentials
 * never go to another host, and authentication as registries ask for it: HTTP basic, or a Bearer token fetched
 * from the realm a {@code WWW-Authenticate: Bearer realm=..., service=..., scope=...} challenge names (ghcr.io,
 * Docker Hub), with the user and password when there are some, anonymously otherwise.
 */
final class RegistryHttp {

    static final int MAX_REDIRECTS = 5;
    /** A token response or an error body is small; more is not read. */
    private static final long MAX_TOKEN_BYTES = 64 * 1024;
    private static final Pattern CHALLENGE_PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Pattern TOKEN = Pattern.compile("\"(?:token|access_token)\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient client;
    private final ChartCredentials credentials;
    private final Duration timeout;
    private final String authority;
    private String authorization;

    /**
     * @param origin the repository's URL: credentials go to its host and port only
     * @param preemptiveBasic send basic credentials with the first request (chart repositories expect that;
     *     registries first answer with the challenge they want)
     */
    RegistryHttp(URI origin, ChartCredentials credentials, Duration timeout, boolean preemptiveBasic)
            throws GeneralSecurityException, IOException {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.authority = origin.getRawAuthority();
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (credentials.caCertificates() != null) {
            builder.sslContext(sslContext(credentials.caCertificates()));
        }
        this.client = builder.build();
        if (preemptiveBasic && credentials.hasUsername()) {
            authorization = basic();
        }
    }

    /** An answer: status, headers, and the body (at most the size asked for). */
    record Response(int status, Map<String, List<String>> headers, byte[] body, URI uri) {
        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream()).findFirst();
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The body is larger than the limit. */
    static final class TooLargeException extends IOException {
        TooLargeException(URI uri, long limit) {
            super(uri + " answers with more than " + limit + " bytes, the limit");
        }
    }

    /**
     * GET {@code uri}; on a 401 with a challenge, authenticates once and asks again.
     *
     * @throws IOException when the server cannot be reached, does not answer in time, or sends too much
     */
    Response get(URI uri, String accept, long maxBytes) throws IOException, InterruptedException {
        Response response = follow(uri, accept, maxBytes);
        if (response.status() == 401) {
            Optional<String> challenge = response.header("WWW-Authenticate");
            if (challenge.isPresent() && authenticate(challenge.get())) {
                response = follow(uri, accept, maxBytes);
            }
        }
        return response;
    }

    private Response follow(URI uri, String accept, long maxBytes) throws IOException, InterruptedException {
        URI current = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current).timeout(timeout).GET()
                    .header("User-Agent", "gitops-sync");
            if (accept != null) {
                request.header("Accept", accept);
            }
            if (authorization != null && Objects.equals(current.getRawAuthority(), authority)) {
                request.header("Authorization", authorization);
            }
            HttpResponse<InputStream> response = send(request);
            Optional<String> location = response.headers().firstValue("Location");
            if (response.statusCode() / 100 == 3 && location.isPresent()) {
                response.body().close();
                current = current.resolve(location.get());
                continue;
            }
            long limit = response.statusCode() / 100 == 2 ? maxBytes : MAX_TOKEN_BYTES;
            return new Response(response.statusCode(), response.headers().map(), readBounded(response, limit), current);
        }
        throw new IOException(uri + " redirects more than " + MAX_REDIRECTS + " times");
    }

    /** Sends; a URI the client refuses (a scheme it does not speak) is an I/O failure with the reason. */
    private HttpResponse<InputStream> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static byte[] readBounded(HttpResponse<InputStream> response, long limit) throws IOException {
        try (InputStream body = response.body()) {
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (length > limit) {
                throw new TooLargeException(response.uri(), limit);
            }
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw new TooLargeException(response.uri(), limit);
            }
            return bytes;
        }
    }

    /** Answers a challenge; false when there is nothing new to try. */
    private boolean authenticate(String challenge) throws IOException, InterruptedException {
        String scheme = challenge.strip().split("\\s+", 2)[0];
        if (scheme.equalsIgnoreCase("Basic")) {
            if (!credentials.hasUsername() || basic().equals(authorization)) {
                return false;
            }
            authorization = basic();
            return true;
        }
        if (!scheme.equalsIgnoreCase("Bearer")) {
            return false;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        Matcher matcher = CHALLENGE_PARAMETER.matcher(challenge);
        while (matcher.find()) {
            parameters.put(matcher.group(1).toLowerCase(java.util.Locale.ROOT), matcher.group(2));
        }
        String realm = parameters.get("realm");
        if (realm == null) {
            return false;
        }
        StringBuilder query = new StringBuilder();
        for (String name : List.of("service", "scope")) {
            if (parameters.containsKey(name)) {
                query.append(query.isEmpty() ? "" : "&").append(name).append('=')
                        .append(URLEncoder.encode(parameters.get(name), StandardCharsets.UTF_8));
            }
        }
        URI tokenUri = URI.create(realm + (query.isEmpty() ? "" : (realm.contains("?") ? "&" : "?") + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenUri).timeout(timeout).GET()
                .header("User-Agent", "gitops-sync");
        if (credentials.hasUsername()) {
            // The realm is the registry's token service, which the challenge named: it gets the credentials.
            request.header("Authorization", basic());
        }
        HttpResponse<InputStream> response = send(request);
        byte[] body = readBounded(response, MAX_TOKEN_BYTES);
        if (response.statusCode() != 200) {
            return false;
        }
        Matcher token = TOKEN.matcher(new String(body, StandardCharsets.UTF_8));
        if (!token.find()) {
            return false;
        }
        String bearer = "Bearer " + token.group(1);
        if (bearer.equals(authorization)) {
            return false;
        }
        authorization = bearer;
        return true;
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((credentials.username() + ":" + credentials.password())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The JVM's trusted certificates plus {@code pem}'s. */
    private static SSLContext sslContext(String pem) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        defaults.init((KeyStore) null);
        int index = 0;
        for (var manager : defaults.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                for (X509Certificate certificate : x509.getAcceptedIssuers()) {
                    store.setCertificateEntry("jvm-" + index++, certificate);
                }
            }
        }
        var certificates = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException("the CA certificates hold no PEM certificate");
        }
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("custom-" + index++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
