package io.jenkins.plugins.gitops.run;

import io.jenkins.plugins.gitops.engine.report.ReportObject;
import io.jenkins.plugins.gitops.engine.report.SyncReport;
import io.jenkins.plugins.gitops.engine.view.SourceLinks;
import java.util.List;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * One row of the drift report table: an object of the report as the page shows it. Every string comes from Git
 * or the cluster and is escaped by the page ({@code escape-by-default}); nothing here is HTML.
 */
@Restricted(NoExternalUse.class)
public final class DriftReportRow {

    private static final SourceLinks SOURCE_LINKS = SourceLinks.forKnownHosts();

    private final ReportObject object;
    private final SyncReport report;

    /**
     * @param object the row's object
     * @param report the report it belongs to: its repository and commit make the link to the source file
     */
    public DriftReportRow(ReportObject object, SyncReport report) {
        this.object = object;
        this.report = report;
    }

    public String getKind() {
        return object.kind();
    }

    /** {@code namespace/name}, or only the name of a cluster-scoped object. */
    public String getName() {
        return object.namespace() == null ? object.name() : object.namespace() + "/" + object.name();
    }

    /** {@code Kind/namespace/name}, as the console and the engine name the object. */
    public String getSubject() {
        return object.subject();
    }

    /** The action's label: {@code created}, {@code configured}, {@code pruned}, ... */
    public String getAction() {
        return object.action().label();
    }

    /** The health as users read it ("Healthy", "Degraded"), or empty when not assessed. */
    public String getHealth() {
        return object.health() == null ? "" : object.health().status().displayName();
    }

    /** Why the action needs explaining, else the health message, else empty. */
    public String getMessage() {
        if (!object.message().isEmpty() || object.health() == null) {
            return object.message();
        }
        return object.health().message();
    }

    /** {@code file:line} where Git declares the object, the file alone, or empty. */
    public String getOrigin() {
        if (object.file() == null) {
            return "";
        }
        return object.line() == null ? object.file() : object.file() + ":" + object.line();
    }

    /** The health status's name for filters ({@code HEALTHY}, {@code DEGRADED}...), or {@code NONE}. */
    public String getHealthKey() {
        return object.health() == null ? "NONE" : object.health().status().name();
    }

    /** The action's name for filters ({@code CREATED}, {@code CONFIGURED}...). */
    public String getActionKey() {
        return object.action().name();
    }

    /**
     * The file and line in the Git host's web interface (GitHub, GitLab, Bitbucket, Gitea and the like, at the
     * report's commit), or empty when the host is not known or the object has no file.
     */
    public String getSourceUrl() {
        return SOURCE_LINKS.fileLink(report.summary(), object).orElse("");
    }

    public List<String> getChangedPaths() {
        return object.changedPaths();
    }

    /** The unified diff, live against Git, bounded and redacted by the engine; empty when nothing differed. */
    public String getDiff() {
        return object.diff();
    }

    /** Whether there is anything to expand: changed paths or a diff. */
    public boolean isHasDetails() {
        return !object.changedPaths().isEmpty() || !object.diff().isEmpty();
    }
}
