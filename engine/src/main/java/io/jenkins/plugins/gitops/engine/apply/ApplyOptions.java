package io.jenkins.plugins.gitops.engine.apply;

/**
 * How objects are applied.
 *
 * @param fieldManager the server-side apply field manager: the name under which the API server records
 *     the fields this engine owns; other tools see it in conflicts and in managedFields
 * @param forceConflicts take declared fields over from other managers instead of reporting a conflict; on by
 *     default: Git is the source of truth (the sync reports each takeover)
 * @param dryRun ask the API server what it would do ({@code dryRun=All}) and write nothing
 */
public record ApplyOptions(String fieldManager, boolean forceConflicts, boolean dryRun) {

    public static final String DEFAULT_FIELD_MANAGER = "gitops-sync";

    public static ApplyOptions defaults() {
        return new ApplyOptions(DEFAULT_FIELD_MANAGER, true, false);
    }

    public ApplyOptions withForceConflicts(boolean force) {
        return new ApplyOptions(fieldManager, force, dryRun);
    }

    public ApplyOptions withDryRun(boolean dry) {
        return new ApplyOptions(fieldManager, forceConflicts, dry);
    }
}
