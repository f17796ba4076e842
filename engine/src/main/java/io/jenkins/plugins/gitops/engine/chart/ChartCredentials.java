package io.jenkins.plugins.gitops.engine.chart;

/**
 * How to authenticate to a chart repository or registry and which certificates to trust. The plugin fills it
 * from Jenkins credentials, the command line from options, files and environment variables. Never printed:
 * {@link #toString()} says only which parts are set.
 *
 * @param username the user for HTTP basic authentication (and the registry's token service); {@code null} for
 *     anonymous access
 * @param password the password or token that goes with {@code username}
 * @param caCertificates PEM certificates to trust besides the JVM's, for a repository with a private CA;
 *     {@code null} for the JVM's only
 */
public record ChartCredentials(String username, String password, String caCertificates) implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    public ChartCredentials {
        username = username == null || username.isEmpty() ? null : username;
        password = password == null ? "" : password;
        caCertificates = caCertificates == null || caCertificates.isBlank() ? null : caCertificates;
    }

    public static ChartCredentials anonymous() {
        return new ChartCredentials(null, null, null);
    }

    public boolean hasUsername() {
        return username != null;
    }

    @Override
    public String toString() {
        return "ChartCredentials[" + (username == null ? "anonymous" : "user " + username + ", password ****")
                + (caCertificates == null ? "" : ", custom CA") + "]";
    }
}
