package io.jenkins.plugins.gitops.engine.cli;

import io.jenkins.plugins.gitops.engine.chart.ArchiveLimits;
import io.jenkins.plugins.gitops.engine.chart.ChartCache;
import io.jenkins.plugins.gitops.engine.chart.ChartCredentials;
import io.jenkins.plugins.gitops.engine.chart.ChartFetcher;
import io.jenkins.plugins.gitops.engine.chart.ChartReference;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * A chart from a Helm repository or OCI registry, rendered with values files from the folder or Git repository
 * (Argo CD's multi-source application, Flux's HelmRelease). The password is never an option value (which
 * {@code ps} and the shell history would show): it comes from a file or an environment variable.
 */
final class ChartOptions {

    /** Read only together with {@code --chart-username}. */
    static final String PASSWORD_VARIABLE = "GITOPS_SYNC_CHART_PASSWORD";
    /** The most bytes the cached chart archives take together. */
    static final long CACHE_BYTES = 256L << 20;

    @Option(names = "--chart-repo", paramLabel = "<url>",
            description = "Helm chart repository (https://host/path, the folder of its index.yaml) or OCI registry"
                    + " (oci://host/path) to take the chart from, instead of a Chart.yaml in the source; values"
                    + " files (--helm-values) still come from the folder or --repo.")
    String repository;

    @Option(names = "--chart", paramLabel = "<name>",
            description = "The chart's name in --chart-repo (for oci:// it may end the URL instead).")
    String chart;

    @Option(names = "--chart-version", paramLabel = "<range>",
            description = "Exact version or range (^6.5, ~1.2.0, '>=1.0 <2.0'), as Helm reads it; default: the latest"
                    + " stable version.")
    String version;

    @Option(names = "--chart-digest", paramLabel = "<sha256:…>",
            description = "Render only the archive with this digest (as a report records it, with the version it"
                    + " resolved to): fails if the version's chart was replaced.")
    String digest;

    @Option(names = "--chart-username", paramLabel = "<name>",
            description = "User for the chart repository (with --chart-password-file or $" + PASSWORD_VARIABLE + ").")
    String username;

    @Option(names = "--chart-password-file", paramLabel = "<file>",
            description = "File whose first line is the password or token for --chart-username.")
    Path passwordFile;

    @Option(names = "--chart-ca-file", paramLabel = "<file>",
            description = "PEM certificates to trust for the chart repository, besides Java's.")
    Path caFile;

    @Option(names = "--chart-plain-http",
            description = "Talk to an oci:// registry over plain HTTP (a local test registry only).")
    boolean plainHttp;

    boolean isGiven() {
        return repository != null;
    }

    /** @throws CommandException when a chart option is given without --chart-repo, or the reference is invalid */
    ChartReference reference() {
        if (repository == null) {
            if (chart != null || version != null || digest != null || username != null || caFile != null) {
                throw new CommandException("--chart, --chart-version, --chart-digest, --chart-username and"
                        + " --chart-ca-file need --chart-repo <url>");
            }
            return null;
        }
        try {
            return new ChartReference(repository, chart, version, digest, plainHttp);
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage(), e);
        }
    }

    ChartCredentials credentials(Function<String, String> environment) {
        String password = null;
        if (passwordFile != null) {
            if (username == null) {
                throw new CommandException("--chart-password-file needs --chart-username");
            }
            password = OptionFiles.firstLine(passwordFile, "--chart-password-file");
        } else if (username != null) {
            password = environment.apply(PASSWORD_VARIABLE);
        }
        String ca = caFile == null ? null : OptionFiles.read(caFile, "--chart-ca-file");
        return new ChartCredentials(username, password, ca);
    }

    static ChartFetcher fetcher(Path cacheFolder) {
        return new ChartFetcher(new ChartCache(cacheFolder, CACHE_BYTES), ArchiveLimits.defaults(),
                ChartFetcher.DEFAULT_TIMEOUT);
    }
}
