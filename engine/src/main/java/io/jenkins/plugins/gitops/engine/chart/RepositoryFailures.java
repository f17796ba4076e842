package io.jenkins.plugins.gitops.engine.chart;

import io.jenkins.plugins.gitops.engine.source.SourceException.Reason;
import io.jenkins.plugins.gitops.engine.source.UrlRedaction;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import javax.net.ssl.SSLException;

/** The errors both kinds of repository share, each saying what to do; URLs are shown without credentials. */
final class RepositoryFailures {

    private RepositoryFailures() {
    }

    static ChartException unreachable(ChartReference reference, URI uri, IOException e) {
        String url = UrlRedaction.redact(uri.toString());
        if (e instanceof RegistryHttp.TooLargeException) {
            return new ChartException(Reason.INVALID_REQUEST, reference, UrlRedaction.redact(e.getMessage())
                    + "; check that the URL names a chart repository or registry");
        }
        String what = e instanceof UnknownHostException ? "unknown host"
                : e instanceof ConnectException ? "connection refused"
                : e instanceof HttpTimeoutException ? "no answer in time"
                : e instanceof SSLException ? "TLS failed: " + e.getMessage()
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        String hint = e instanceof SSLException
                ? "give the repository's CA certificate, or check that it speaks HTTPS"
                : "check the URL, that the repository is up and that this machine can reach it (proxy, firewall)";
        return new ChartException(Reason.UNREACHABLE, reference, "cannot reach " + url + " (" + what + "); " + hint, e);
    }

    /** A 401 or 403, or another status the request did not expect. */
    static ChartException status(ChartReference reference, URI uri, int status, boolean hadCredentials, String what) {
        String url = UrlRedaction.redact(uri.toString());
        if (status == 401 || status == 403) {
            return new ChartException(Reason.AUTHENTICATION_FAILED, reference, url + " answered HTTP " + status + "; "
                    + (hadCredentials ? "the repository refused the credentials: check the user and password"
                            : "the repository asks for credentials: give a user and password"));
        }
        if (status == 404) {
            return new ChartException(Reason.REPOSITORY_NOT_FOUND, reference, url + " answered HTTP 404: " + what);
        }
        return new ChartException(Reason.UNREACHABLE, reference, url + " answered HTTP " + status
                + "; try again later, or check the repository's URL and state");
    }

    static ChartException noVersion(ChartReference reference, List<String> available) {
        if (available.isEmpty()) {
            return new ChartException(Reason.UNKNOWN_REVISION, reference, "the repository lists no version of the"
                    + " chart; check the chart name");
        }
        List<String> nearest = VersionResolver.nearest(available, reference.version());
        String asked = reference.version().isEmpty() ? "no stable version (only prereleases; ask for one with a"
                + " range such as '>=0.0.0-0')" : "no version matches '" + reference.version() + "'";
        return new ChartException(Reason.UNKNOWN_REVISION, reference, asked + "; nearest available: "
                + String.join(", ", nearest) + (available.size() > nearest.size() ? " (of " + available.size() + ")" : "")
                + "; change the version or range");
    }

    static ChartException notARange(ChartReference reference, IllegalArgumentException e) {
        return new ChartException(Reason.INVALID_REQUEST, reference, "version '" + reference.version() + "' is"
                + " neither a version the repository lists nor a range (" + e.getMessage() + "); write a version such"
                + " as 1.2.3 or a range such as ^1.2 or '>=1.0 <2.0'");
    }
}
