package io.jenkins.plugins.gitops.engine.source;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * A revision as the user wrote it, classified once: a full commit id, an abbreviated commit id, or a
 * ref name (branch, tag, full ref or {@code HEAD}). The kind decides how it is resolved: a full id may
 * need no network at all, a ref name always asks the remote where it points now.
 */
sealed interface Revision permits Revision.CommitId, Revision.AbbreviatedCommitId, Revision.RefName {

    /** Hex strings at least this long are commit ids, not branch names (Git's own default abbreviation). */
    int MIN_ABBREVIATION = 7;

    Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

    /** What the user wrote, for messages. */
    String text();

    static Revision parse(String text, RepositoryUrl url) throws SourceException {
        String revision = text.trim();
        if (revision.isEmpty()) {
            throw invalid(url, "revision is empty; give a branch, a tag or a commit SHA");
        }
        if (HEX.matcher(revision).matches() && revision.length() == Constants.OBJECT_ID_STRING_LENGTH) {
            return new CommitId(ObjectId.fromString(revision.toLowerCase(Locale.ROOT)));
        }
        if (HEX.matcher(revision).matches() && revision.length() >= MIN_ABBREVIATION
                && revision.length() < Constants.OBJECT_ID_STRING_LENGTH) {
            return new AbbreviatedCommitId(AbbreviatedObjectId.fromString(revision.toLowerCase(Locale.ROOT)));
        }
        if (revision.equals(Constants.HEAD)) {
            return new RefName(revision);
        }
        String fullName = revision.startsWith(Constants.R_REFS) ? revision : Constants.R_HEADS + revision;
        if (!Repository.isValidRefName(fullName)) {
            throw invalid(url, "revision \"" + revision + "\" is not a valid branch, tag or commit name;"
                    + " check it for spaces, \"..\", \"~\", \"^\", \":\" or a trailing \"/\"");
        }
        return new RefName(revision);
    }

    private static SourceException invalid(RepositoryUrl url, String what) {
        return new SourceException(SourceException.Reason.INVALID_REQUEST, url.redacted(), url.redacted() + ": " + what);
    }

    /** A full 40-digit commit id. */
    record CommitId(ObjectId id) implements Revision {
        @Override
        public String text() {
            return id.name();
        }
    }

    /** A commit id shortened to 7 to 39 hex digits. */
    record AbbreviatedCommitId(AbbreviatedObjectId id) implements Revision {
        @Override
        public String text() {
            return id.name();
        }
    }

    /** A branch or tag name, a full ref name ({@code refs/...}) or {@code HEAD}. */
    record RefName(String text) implements Revision {

        /**
         * The remote refs this name may mean. A short name may be a branch or a tag; both are looked up,
         * and a name that is both is refused as ambiguous rather than silently picking one.
         */
        List<String> candidates() {
            if (text.equals(Constants.HEAD) || text.startsWith(Constants.R_REFS)) {
                return List.of(text);
            }
            return List.of(Constants.R_HEADS + text, Constants.R_TAGS + text);
        }
    }
}
