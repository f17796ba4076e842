package io.jenkins.plugins.gitops.engine.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The commit a snapshot was read from, as a sync build shows it: "Synced abc1234 (Ann: Bump web to
 * 1.4)".
 *
 * @param sha the full commit id (40 hex digits)
 * @param abbreviatedSha the shortest unambiguous form, at least 7 digits
 * @param authorName author's name
 * @param authorEmail author's e-mail address
 * @param authorDate when the change was authored
 * @param subject the first line of the message
 * @param message the full message
 */
public record CommitInfo(String sha, String abbreviatedSha, String authorName, String authorEmail,
        Instant authorDate, String subject, String message) {

    /** The trailer naming the Jenkins build that made a commit, e.g. {@code Jenkins-Build: shop/web#42}. */
    public static final String JENKINS_BUILD_TRAILER = "Jenkins-Build";

    private static final Pattern TRAILER_LINE = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9-]*)\\s*:\\s*(.*)$");

    public CommitInfo {
        Objects.requireNonNull(sha, "sha");
        Objects.requireNonNull(abbreviatedSha, "abbreviatedSha");
        Objects.requireNonNull(authorName, "authorName");
        Objects.requireNonNull(authorEmail, "authorEmail");
        Objects.requireNonNull(authorDate, "authorDate");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
    }

    static CommitInfo of(RevCommit commit, String abbreviatedSha) {
        PersonIdent author = commit.getAuthorIdent();
        return new CommitInfo(commit.name(), abbreviatedSha, author.getName(), author.getEmailAddress(),
                author.getWhenAsInstant(), commit.getShortMessage(), commit.getFullMessage());
    }

    /**
     * The build that produced this commit, from a {@code Jenkins-Build:} trailer (as written by
     * {@code gitopsSetImage}), so a sync can link back to it.
     */
    public Optional<String> jenkinsBuild() {
        return trailer(JENKINS_BUILD_TRAILER);
    }

    /**
     * The value of a Git trailer ({@code Key: value} in the message's last paragraph), matched without
     * regard to case as {@code git interpret-trailers} does. The last paragraph counts only if it is not
     * the subject and every line in it is a trailer (or an indented continuation of one). When a key
     * appears more than once, the last value wins.
     */
    public Optional<String> trailer(String key) {
        List<String> block = trailerBlock(message);
        String value = null;
        for (String line : block) {
            Matcher matcher = TRAILER_LINE.matcher(line);
            if (matcher.matches() && matcher.group(1).equalsIgnoreCase(key)) {
                value = matcher.group(2).trim();
            }
        }
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static List<String> trailerBlock(String message) {
        List<List<String>> paragraphs = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : message.replace("\r\n", "\n").split("\n", -1)) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    paragraphs.add(current);
                    current = new ArrayList<>();
                }
            } else {
                current.add(line);
            }
        }
        if (!current.isEmpty()) {
            paragraphs.add(current);
        }
        if (paragraphs.size() < 2) {
            return List.of(); // a lone paragraph is the subject, never a trailer block
        }
        List<String> last = paragraphs.get(paragraphs.size() - 1);
        for (String line : last) {
            boolean continuation = Character.isWhitespace(line.charAt(0));
            if (!continuation && !TRAILER_LINE.matcher(line).matches()) {
                return List.of();
            }
        }
        return last;
    }
}
