package io.jenkins.plugins.gitops.run;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Cause;
import io.jenkins.plugins.gitops.Messages;
import io.jenkins.plugins.gitops.engine.sync.CheckDecision;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import java.util.Objects;

/**
 * Why a sync of an environment ran. Each kind says whether the build writes to the cluster ({@link Mode#SYNC}),
 * asks the API server what a sync would do ({@link Mode#DRY_RUN}) or only compares ({@link Mode#PREVIEW}); the
 * causes of one queued build are folded together, and the build does the most any of them asks for.
 */
public final class SyncCause extends Cause {

    /** The kinds of causes, each with the mode of the build it starts. */
    public enum Kind {
        /** A user pressed "Sync now". */
        USER(Mode.SYNC),
        /** Self-heal: a periodic check found drift in the cluster and reverts it. */
        DRIFT(Mode.SYNC),
        /** Automated sync: a periodic check found a new revision with changes. */
        NEW_REVISION(Mode.SYNC),
        /** A Pipeline (an upstream build) asked for the sync. */
        PIPELINE(Mode.SYNC),
        /** A user rolled back to the revision of an earlier sync. */
        ROLLBACK(Mode.SYNC),
        /** A push notification (webhook) from the Git server. */
        PUSH(Mode.SYNC),
        /**
         * A user asked for a preview: a server-side dry run of the sync, recorded with its drift report; the API
         * server validates every change (admission, quotas, schemas) and nothing is written.
         */
        PREVIEW(Mode.DRY_RUN),
        /** A periodic check found something worth recording (drift, a new revision, an error); nothing is written. */
        CHECK(Mode.PREVIEW);

        private final Mode mode;

        Kind(Mode mode) {
            this.mode = mode;
        }

        public Mode mode() {
            return mode;
        }
    }

    private final Kind kind;
    /** Who or what: the user id, the upstream build, the check's reason; may be empty. */
    private final String detail;
    /** The revision to sync instead of the configured one (a rollback); {@code null} for the configured one. */
    private final String revision;
    /** The upstream build's URL relative to the Jenkins root ({@code job/app/12/}), for a PIPELINE cause; may be null. */
    private final String upstreamUrl;

    SyncCause(@NonNull Kind kind, @CheckForNull String detail, @CheckForNull String revision) {
        this(kind, detail, revision, null);
    }

    private SyncCause(@NonNull Kind kind, @CheckForNull String detail, @CheckForNull String revision,
            @CheckForNull String upstreamUrl) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.detail = detail == null ? "" : detail;
        this.revision = revision == null || revision.isBlank() ? null : revision.trim();
        this.upstreamUrl = upstreamUrl == null || upstreamUrl.isBlank() ? null : upstreamUrl.trim();
    }

    /** "Sync now" pressed by the user with this id. */
    public static SyncCause user(String userId) {
        return new SyncCause(Kind.USER, userId, null);
    }

    /** Asked for by a Pipeline; {@code upstream} names its build ({@code folder/app #12}). */
    public static SyncCause pipeline(String upstream) {
        return new SyncCause(Kind.PIPELINE, upstream, null);
    }

    /**
     * Asked for by the Pipeline build {@code upstream} ({@code folder/app #12}), whose page is at
     * {@code upstreamUrl}, relative to the Jenkins root ({@code job/folder/job/app/12/}, as {@code Run.getUrl()}).
     */
    public static SyncCause pipeline(String upstream, @CheckForNull String upstreamUrl) {
        return new SyncCause(Kind.PIPELINE, upstream, null, upstreamUrl);
    }

    /** A rollback to {@code revision} (a commit SHA), asked for by the user with this id. */
    public static SyncCause rollback(String userId, String revision) {
        return new SyncCause(Kind.ROLLBACK, userId, Objects.requireNonNull(revision, "revision"));
    }

    /** "Preview sync" pressed by the user with this id. */
    public static SyncCause preview(String userId) {
        return new SyncCause(Kind.PREVIEW, userId, null);
    }

    /** A push notification from {@code source} (the Git server's host). */
    public static SyncCause push(String source) {
        return new SyncCause(Kind.PUSH, source, null);
    }

    /**
     * The cause of the build a periodic check leads to, or {@code null} when the decision asks for no build.
     */
    @CheckForNull
    public static SyncCause of(CheckDecision decision) {
        return switch (decision.verdict()) {
            case NO_BUILD -> null;
            case RECORD_CHECK -> new SyncCause(Kind.CHECK, decision.reason().name(), null);
            case SYNC -> new SyncCause(decision.reason() == CheckDecision.Reason.DRIFT ? Kind.DRIFT : Kind.NEW_REVISION,
                    decision.reason().name(), null);
        };
    }

    public Kind getKind() {
        return kind;
    }

    public String getDetail() {
        return detail;
    }

    @CheckForNull
    public String getRevision() {
        return revision;
    }

    /** The upstream build's URL relative to the Jenkins root, for a PIPELINE cause; {@code null} when unknown. */
    @CheckForNull
    public String getUpstreamUrl() {
        return upstreamUrl;
    }

    @Override
    public String getShortDescription() {
        return switch (kind) {
            case USER -> Messages.SyncCause_user(detail);
            case DRIFT -> Messages.SyncCause_drift();
            case NEW_REVISION -> Messages.SyncCause_newRevision();
            case PIPELINE -> Messages.SyncCause_pipeline(detail);
            case ROLLBACK -> Messages.SyncCause_rollback(revision, detail);
            case PUSH -> Messages.SyncCause_push(detail);
            case PREVIEW -> Messages.SyncCause_preview(detail);
            case CHECK -> Messages.SyncCause_check(checkReason());
        };
    }

    private String checkReason() {
        try {
            return switch (CheckDecision.Reason.valueOf(detail)) {
                case NEW_REVISION -> Messages.SyncCause_reason_newRevision();
                case DRIFT, FIRST_CHECK -> Messages.SyncCause_reason_drift();
                case HEALTH_DEGRADED -> Messages.SyncCause_reason_health();
                case ERROR -> Messages.SyncCause_reason_error();
                default -> detail;
            };
        } catch (IllegalArgumentException e) {
            return detail; // a reason this version does not know (an older or newer build record)
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SyncCause that && kind == that.kind && detail.equals(that.detail)
                && Objects.equals(revision, that.revision) && Objects.equals(upstreamUrl, that.upstreamUrl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, detail, revision, upstreamUrl);
    }
}
