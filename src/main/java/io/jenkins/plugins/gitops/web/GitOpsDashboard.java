package io.jenkins.plugins.gitops.web;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.model.Api;
import hudson.model.RootAction;
import io.jenkins.plugins.gitops.Messages;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.view.Dashboard;
import io.jenkins.plugins.gitops.engine.view.DashboardRow;
import io.jenkins.plugins.gitops.engine.view.SyncStatus;
import io.jenkins.plugins.gitops.item.EnvironmentStatus;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import io.jenkins.plugins.gitops.scheduling.PeriodicReconciler;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.Stapler;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * The "GitOps" page of the main side panel ({@code /gitops/}): every environment the user may read, with its
 * cluster and namespace, sync status, health, revision, last sync and drifted objects; sortable and filterable
 * by the request ({@code ?q=shop&status=OutOfSync&health=Degraded&sort=drift&order=asc}), and the same as JSON at
 * {@code /gitops/api/json}.
 *
 * <p>Built per request from the environments' stored status only: no Git fetch, no cluster request while the
 * page renders, so it stays fast with hundreds of environments. Sorting, filtering and counting are the engine's
 * {@link Dashboard}; this class only collects the rows the user may see ({@code Jenkins.allItems} checks
 * Item.READ on each) and reads the request.
 */
@Extension
@ExportedBean
public final class GitOpsDashboard implements RootAction {

    static final String URL_NAME = "gitops";

    /** The request attribute holding the page's dashboard, so one request builds it once. */
    private static final String REQUEST_ATTRIBUTE = GitOpsDashboard.class.getName() + ".dashboard";

    @CheckForNull
    @Override
    public String getIconFileName() {
        return Jenkins.get().hasPermission(Jenkins.READ) ? "symbol-swap" : null;
    }

    @Override
    public String getDisplayName() {
        return Messages.GitOpsDashboard_displayName();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /** {@code /gitops/api/json}: the rows and totals, as the page shows them, for Jenkins.READ. */
    public Api getApi() {
        Jenkins.get().checkPermission(Jenkins.READ);
        return new Api(this);
    }

    /** How late periodic checks start, 99th percentile ({@code 12 s}); {@code -} before the first round. */
    public String getCheckLatenessP99() {
        return ExtensionList.lookupSingleton(PeriodicReconciler.class).lateness()
                .map(lateness -> lateness.p99().toSeconds() + " s").orElse("-");
    }

    /** The lateness in a sentence, for the tile's tooltip: p99, max and the share of checks on time. */
    public String getCheckLatenessDetails() {
        return ExtensionList.lookupSingleton(PeriodicReconciler.class).lateness().map(Object::toString).orElse("");
    }

    /** The environments the user may read that the request's filters select, in the requested order. */
    @Exported(name = "environments", inline = true)
    public List<Entry> getEntries() {
        Jenkins.get().checkPermission(Jenkins.READ);
        Built built = built();
        List<DashboardRow> rows = built.dashboard().select(query(Stapler.getCurrentRequest2()));
        List<Entry> entries = new ArrayList<>(rows.size());
        for (DashboardRow row : rows) {
            entries.add(new Entry(row, built.environments().get(row.fullName())));
        }
        return entries;
    }

    /** Counts over every environment the user may read, whatever the filters select. */
    public Dashboard.Totals getTotals() {
        Jenkins.get().checkPermission(Jenkins.READ);
        return built().dashboard().totals();
    }

    /** How many environments the user may read. */
    @Exported
    public int getEnvironmentCount() {
        return getTotals().environments();
    }

    /** Environments per sync status ({@code Synced}, {@code OutOfSync}, {@code Unknown}, {@code Error}). */
    @Exported
    public Map<String, Integer> getSyncStatusCounts() {
        return countsByName(getTotals().syncStatus(), SyncStatus::displayName);
    }

    /** Environments per health ({@code Healthy}, {@code Degraded}, ...). */
    @Exported
    public Map<String, Integer> getHealthCounts() {
        return countsByName(getTotals().health(), HealthStatus::displayName);
    }

    /** Environments that differ from Git, for the summary tile. */
    public int getOutOfSyncCount() {
        return getTotals().count(SyncStatus.OUT_OF_SYNC);
    }

    /** Environments whose worst object is Degraded or Missing, for the summary tile. */
    public int getDegradedOrMissingCount() {
        Dashboard.Totals totals = getTotals();
        return totals.count(HealthStatus.DEGRADED) + totals.count(HealthStatus.MISSING);
    }

    @Exported
    public int getPausedCount() {
        return getTotals().paused();
    }

    @Exported
    public int getFailingCount() {
        return getTotals().failing();
    }

    /** The request's free text, for the search box. */
    public String getQueryText() {
        StaplerRequest2 request = Stapler.getCurrentRequest2();
        return request == null ? "" : Util.fixNull(request.getParameter("q"));
    }

    /** The link that sorts by {@code column}: the other direction when it is the current sort, keeping the filters. */
    public String sortLink(String column) {
        StaplerRequest2 request = Stapler.getCurrentRequest2();
        Dashboard.Query current = query(request);
        boolean same = current.sortBy().parameter().equals(column);
        StringBuilder link = new StringBuilder("?sort=").append(Util.rawEncode(column));
        if (same && !current.reversed()) {
            link.append("&order=reverse");
        }
        for (String kept : new String[] {"q", "status", "health"}) {
            String value = request == null ? null : Util.fixEmptyAndTrim(request.getParameter(kept));
            if (value != null) {
                link.append('&').append(kept).append('=').append(Util.rawEncode(value));
            }
        }
        return link.toString();
    }

    /** Every sync status by its display name, for the filter menu. */
    public List<SyncStatus> getSyncStatuses() {
        return List.of(SyncStatus.values());
    }

    /** Every health status, for the filter menu. */
    public List<HealthStatus> getHealthStatuses() {
        return List.of(HealthStatus.values());
    }

    /** The query of a request; anything it does not understand is ignored rather than failing the page. */
    static Dashboard.Query query(@CheckForNull HttpServletRequest request) {
        if (request == null) {
            return Dashboard.Query.all();
        }
        Dashboard.Column column = Dashboard.Column.fromParameter(request.getParameter("sort")).orElse(Dashboard.Column.NAME);
        boolean reversed = "reverse".equalsIgnoreCase(Util.fixNull(request.getParameter("order")).trim());
        Set<SyncStatus> statuses = parseAll(request.getParameter("status"), SyncStatus::fromParameter, SyncStatus.class);
        Set<HealthStatus> health = parseAll(request.getParameter("health"), GitOpsDashboard::healthOf, HealthStatus.class);
        return new Dashboard.Query(request.getParameter("q"), statuses, health, column, reversed);
    }

    private static Optional<HealthStatus> healthOf(String parameter) {
        return Arrays.stream(HealthStatus.values())
                .filter(status -> status.name().equalsIgnoreCase(parameter.trim())
                        || status.displayName().equalsIgnoreCase(parameter.trim()))
                .findFirst();
    }

    private static <E extends Enum<E>> Set<E> parseAll(@CheckForNull String parameter,
            Function<String, Optional<E>> parser, Class<E> type) {
        Set<E> values = EnumSet.noneOf(type);
        for (String part : Util.fixNull(parameter).split(",")) {
            if (!part.isBlank()) {
                parser.apply(part).ifPresent(values::add);
            }
        }
        return values;
    }

    private static <E> Map<String, Integer> countsByName(Map<E, Integer> counts, Function<E, String> name) {
        Map<String, Integer> named = new LinkedHashMap<>();
        counts.forEach((key, count) -> named.put(name.apply(key), count));
        return named;
    }

    /** The dashboard of the environments the current user may read, built once per request. */
    private Built built() {
        StaplerRequest2 request = Stapler.getCurrentRequest2();
        if (request != null && request.getAttribute(REQUEST_ATTRIBUTE) instanceof Built cached) {
            return cached;
        }
        Map<String, GitOpsEnvironment> environments = new LinkedHashMap<>();
        List<DashboardRow> rows = new ArrayList<>();
        for (GitOpsEnvironment environment : Jenkins.get().allItems(GitOpsEnvironment.class)) {
            environments.put(environment.getFullName(), environment);
            rows.add(rowOf(environment));
        }
        Built built = new Built(new Dashboard(rows), environments);
        if (request != null) {
            request.setAttribute(REQUEST_ATTRIBUTE, built);
        }
        return built;
    }

    /** The dashboard's entry of one environment, for pages that list some environments (a folder's). */
    public static Entry entryOf(GitOpsEnvironment environment) {
        return new Entry(rowOf(environment), environment);
    }

    /** The engine's row of an environment, from its configuration and stored status. */
    static DashboardRow rowOf(GitOpsEnvironment environment) {
        EnvironmentStatus status = environment.getStatus();
        return new DashboardRow(environment.getFullName(), environment.getFullDisplayName(), environment.getUrl(),
                environment.getTargetServer(), environment.getNamespace(),
                status.getSyncStatus(), status.getHealth(),
                Objects.requireNonNullElse(status.getAbbreviatedCommit(), ""), status.getLastSync(),
                status.getLastCheck(), status.getOutOfSyncObjects(), environment.isAutomationPaused(),
                status.getError());
    }

    private record Built(Dashboard dashboard, Map<String, GitOpsEnvironment> environments) {
    }

    /** One environment on the dashboard, for the page and the remote API. Plain text: the page escapes it. */
    @ExportedBean(defaultVisibility = 2)
    public static final class Entry {

        private final DashboardRow row;
        private final GitOpsEnvironment environment;

        Entry(DashboardRow row, GitOpsEnvironment environment) {
            this.row = row;
            this.environment = environment;
        }

        public GitOpsEnvironment getEnvironment() {
            return environment;
        }

        @Exported
        public String getFullName() {
            return row.fullName();
        }

        @Exported
        public String getDisplayName() {
            return row.displayName();
        }

        /** The environment's page, relative to the Jenkins root ({@code job/shop/job/prod/}). */
        @Exported
        public String getUrl() {
            return row.url();
        }

        @Exported
        public String getServer() {
            return row.server();
        }

        @Exported
        public String getNamespace() {
            return row.namespace();
        }

        /** {@code SYNCED}, {@code OUT_OF_SYNC}, {@code UNKNOWN} or {@code ERROR}. */
        @Exported
        public String getSyncStatus() {
            return row.syncStatus().name();
        }

        public String getSyncStatusDisplayName() {
            return row.syncStatus().displayName();
        }

        /** {@code HEALTHY}, {@code DEGRADED}, ... ({@code UNKNOWN} before the first check). */
        @Exported
        public String getHealth() {
            return row.health().name();
        }

        public String getHealthDisplayName() {
            return row.health().displayName();
        }

        /** The abbreviated commit last checked or synced; empty when none. */
        @Exported
        public String getRevision() {
            return row.revision();
        }

        /** Milliseconds since the epoch of the last sync; 0 when never synced. */
        @Exported
        public long getLastSync() {
            Instant lastSync = row.lastSync();
            return lastSync == null ? 0 : lastSync.toEpochMilli();
        }

        /** "4 min 2 sec" since the last sync; empty when never synced. */
        public String getLastSyncAgo() {
            return environment == null ? "" : environment.getStatus().getLastSyncAgo();
        }

        /** Milliseconds since the epoch of the last check; 0 when never checked. */
        @Exported
        public long getLastCheck() {
            Instant lastCheck = row.lastCheck();
            return lastCheck == null ? 0 : lastCheck.toEpochMilli();
        }

        @Exported
        public int getDriftedObjects() {
            return row.driftedObjects();
        }

        @Exported
        public boolean isPaused() {
            return row.paused();
        }

        @Exported
        public String getLastError() {
            return row.lastError();
        }

        /** The words the page's instant filter matches, as the engine's free text does. */
        public String getSearchText() {
            return String.join(" ", row.fullName(), row.displayName(), row.server(), row.namespace(), row.revision());
        }
    }
}
