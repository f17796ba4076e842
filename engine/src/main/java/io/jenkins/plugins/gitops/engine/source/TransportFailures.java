package io.jenkins.plugins.gitops.engine.source;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

/**
 * Turns a failed conversation with a Git server into a {@link SourceException} a user can act on: what
 * failed, at which URL (without credentials), and what to check. JGit reports most failures as a plain
 * {@code TransportException}; the kind is recognized from the cause chain and, for authentication, from
 * JGit's and Apache MINA SSHD's messages.
 */
final class TransportFailures {

    private static final Pattern URL_PREFIX = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s]*?: ");
    /** The server's answer when a commit it advertised is gone by the time the pack is asked for. */
    private static final Pattern WANT_NOT_VALID = Pattern.compile("want [0-9a-f]{40} not valid");
    private static final String[] AUTHENTICATION_HINTS = {
        "not authorized", "authentication", "not permitted", "auth fail", "no more authentication methods",
        "publickey", "permission denied"
    };

    private TransportFailures() {
    }

    static SourceException describe(Exception original, RepositoryUrl url, GitCredentials credentials,
            String hostKeyRefusal) {
        String where = url.redacted();
        String cause = causeText(original, url, credentials);
        Throwable failure = keepable(original, url);
        if (hostKeyRefusal != null) {
            return new SourceException(SourceException.Reason.AUTHENTICATION_FAILED, where, where + ": "
                    + hostKeyRefusal + "; add the server's host key to the known hosts of the credentials", failure);
        }
        if (find(original, NoRemoteRepositoryException.class) != null) {
            return new SourceException(SourceException.Reason.REPOSITORY_NOT_FOUND, where, where
                    + ": repository not found (" + cause + "); check the URL and that the credentials may read it", failure);
        }
        UnknownHostException unknownHost = find(original, UnknownHostException.class);
        if (unknownHost != null) {
            return new SourceException(SourceException.Reason.UNREACHABLE, where, where + ": unknown host ("
                    + unknownHost.getMessage() + "); check the host name in the URL and the DNS", failure);
        }
        if (find(original, ConnectException.class) != null || find(original, NoRouteToHostException.class) != null
                || find(original, SocketTimeoutException.class) != null || mentions(cause, "connection refused")
                || mentions(cause, "timed out") || mentions(cause, "time out")) {
            return new SourceException(SourceException.Reason.UNREACHABLE, where, where
                    + ": cannot reach the Git server (" + cause + "); check the URL, the network and any proxy", failure);
        }
        if (isAuthenticationFailure(original)) {
            String advice = credentials instanceof GitCredentials.None
                    ? "configure credentials for this repository"
                    : "check the credentials and that they may read this repository";
            String what = credentials instanceof GitCredentials.None ? "authentication required" : "authentication failed";
            if (mentions(cause, "no credentialsprovider")) {
                cause = "the server asks for credentials"; // JGit's wording names its own API
            }
            return new SourceException(SourceException.Reason.AUTHENTICATION_FAILED, where,
                    where + ": " + what + " (" + cause + "); " + advice, failure);
        }
        if (WANT_NOT_VALID.matcher(cause).find()) {
            // Stateless HTTP asks for the pack in a second request; a force push (or a deleted branch) in
            // between leaves the advertised commit unreachable, and the server refuses to send it.
            return new SourceException(SourceException.Reason.UNREACHABLE, where, where
                    + ": the branch or tag moved while it was fetched (" + cause + "), as a force push does;"
                    + " fetch again to read its new commit", failure);
        }
        return new SourceException(SourceException.Reason.UNREACHABLE, where, where
                + ": the Git server conversation failed (" + cause + "); check the URL and try again", failure);
    }

    /**
     * A short cause for a message: the failure's own text without the URL prefix JGit adds (the message
     * already starts with the redacted URL) and with every secret of the credentials masked.
     */
    static String causeText(Throwable failure, RepositoryUrl url, GitCredentials credentials) {
        StringBuilder text = new StringBuilder();
        for (Throwable current = failure; current != null && text.length() < 300; current = current.getCause()) {
            String message = current.getMessage();
            if (message == null || message.isBlank() || text.indexOf(stripUrls(message)) >= 0) {
                continue;
            }
            if (text.length() > 0) {
                text.append(": ");
            }
            text.append(stripUrls(message));
        }
        String result = text.length() == 0 ? failure.getClass().getSimpleName() : text.toString().strip();
        return redact(url.maskSecrets(result.replace(url.transportUri(credentials).toString(), url.redacted())),
                credentials);
    }

    /**
     * The failure as a {@link SourceException} may keep it as its cause, which a stack trace prints: JGit's
     * messages quote the URL as given, so for a URL with a token in its query the chain is copied with
     * every message masked (same types named, same stack traces).
     */
    private static Throwable keepable(Throwable failure, RepositoryUrl url) {
        if (!url.hasSecrets()) {
            return failure;
        }
        Throwable cause = failure.getCause() == null || failure.getCause() == failure
                ? null : keepable(failure.getCause(), url);
        String message = failure.getMessage() == null ? "" : ": " + url.maskSecrets(failure.getMessage());
        Exception copy = new Exception(failure.getClass().getName() + message, cause);
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    /** Masks every secret the credentials hold, should any library ever echo one. */
    static String redact(String text, GitCredentials credentials) {
        String result = text;
        if (credentials instanceof GitCredentials.UsernamePassword password) {
            result = mask(result, new String(password.secret()));
        } else if (credentials instanceof GitCredentials.SshKey key) {
            result = mask(result, key.privateKey().strip());
            if (key.passphrase() != null) {
                result = mask(result, new String(key.passphrase()));
            }
        }
        return result;
    }

    private static String mask(String text, String secret) {
        return secret.isEmpty() ? text : text.replace(secret, "****");
    }

    private static String stripUrls(String message) {
        return URL_PREFIX.matcher(message.replace('\n', ' ')).replaceAll("").strip();
    }

    private static boolean isAuthenticationFailure(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            String message = current.getMessage();
            if (message == null) {
                continue;
            }
            for (String hint : AUTHENTICATION_HINTS) {
                if (mentions(message, hint)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean mentions(String text, String fragment) {
        return text.toLowerCase(Locale.ROOT).contains(fragment);
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
        }
        return null;
    }
}
