package io.jenkins.plugins.gitops.engine.report;

import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.sync.Action;
import java.util.List;
import java.util.Objects;

/**
 * One object of a {@link SyncReport}: the row a drift report shows, with its diff.
 *
 * @param group API group, empty for the core group
 * @param version API version within the group ({@code v1})
 * @param kind kind
 * @param namespace namespace; {@code null} for cluster-scoped objects
 * @param name name
 * @param file where Git declares it, relative to the repository root; {@code null} for objects Git no
 *     longer declares (pruned or left alone)
 * @param line the line in {@code file} where its document starts; {@code null} when unknown (output of
 *     Helm or Kustomize) or without a file
 * @param action what the reconcile did, or on a preview would do
 * @param health its health after the reconcile; {@code null} when not assessed (pruned, not reached)
 * @param message why, when the action needs explaining (a conflict, an error, a skip); else empty
 * @param changedPaths the declared fields that differed from the live object
 * @param diff the declared fields as a unified diff, live against Git, bounded and with secrets
 *     redacted; empty when nothing differed
 */
public record ReportObject(String group, String version, String kind, String namespace, String name, String file,
        Integer line, Action action, ObjectHealth health, String message, List<String> changedPaths, String diff) {

    public ReportObject {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
        message = message == null ? "" : message;
        changedPaths = changedPaths == null ? List.of() : List.copyOf(changedPaths);
        diff = diff == null ? "" : diff;
    }

    /** {@code Kind/namespace/name}, as the engine names objects everywhere. */
    public String subject() {
        return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
    }

    /**
     * An object's health.
     *
     * @param status the assessed status
     * @param message what is going on; empty when there is nothing to add
     */
    public record ObjectHealth(HealthStatus status, String message) {

        public ObjectHealth {
            Objects.requireNonNull(status, "status");
            message = message == null ? "" : message;
        }
    }
}
