package io.jenkins.plugins.gitops.reconcile;

import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.engine.chart.ArchiveLimits;
import io.jenkins.plugins.gitops.engine.chart.ChartCache;
import io.jenkins.plugins.gitops.engine.chart.ChartFetcher;
import io.jenkins.plugins.gitops.engine.source.RepositoryCache;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Git and chart caches of an agent, in the agent's own file system ({@code <agent root>/gitops-sync/}), one of
 * each per folder for the agent JVM's lifetime: runs of several environments on the same agent share them (and their
 * locks), as runs on the controller share {@link GitOpsConfiguration}'s.
 *
 * <p>Static, unlike the controller's: on an agent nothing else would own them, and this class is loaded once per
 * agent connection by the channel's class loader, so they live exactly as long as the agent's connection.
 */
final class AgentCaches {

    private static final Map<Path, RepositoryCache> REPOSITORIES = new ConcurrentHashMap<>();
    private static final Map<Path, ChartFetcher> CHARTS = new ConcurrentHashMap<>();

    private AgentCaches() {
    }

    static RepositoryCache repositories(Path workDirectory) {
        return REPOSITORIES.computeIfAbsent(workDirectory.resolve("cache"), RepositoryCache::new);
    }

    static ChartFetcher charts(Path workDirectory) {
        return CHARTS.computeIfAbsent(chartDirectory(workDirectory), folder -> new ChartFetcher(
                new ChartCache(folder, GitOpsConfiguration.CHART_CACHE_BYTES), ArchiveLimits.defaults(),
                ChartFetcher.DEFAULT_TIMEOUT));
    }

    static Path chartDirectory(Path workDirectory) {
        return workDirectory.resolve("charts");
    }
}
