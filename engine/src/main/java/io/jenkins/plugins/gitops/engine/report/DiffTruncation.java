package io.jenkins.plugins.gitops.engine.report;

/**
 * Bounds the diff of one object in a report by characters. {@code ObjectDrift.diffText} already bounds it
 * by lines, but a line can be a whole certificate or a minified JSON document; the report must stay small
 * enough for a web page and a build folder whatever Git holds.
 */
final class DiffTruncation {

    private DiffTruncation() {
    }

    /**
     * {@code diff} when it fits, else its first lines up to {@code maxChars} followed by a line saying how
     * many characters were left out.
     */
    static String cut(String diff, int maxChars) {
        if (diff.length() <= maxChars) {
            return diff;
        }
        int end = diff.lastIndexOf('\n', maxChars - 1) + 1;
        if (end < maxChars / 2) {
            // One very long line: cut inside it rather than drop most of what fits.
            end = Character.isLowSurrogate(diff.charAt(maxChars)) ? maxChars - 1 : maxChars;
        }
        String kept = diff.substring(0, end);
        return kept + (kept.endsWith("\n") || kept.isEmpty() ? "" : "\n") + "... " + (diff.length() - end)
                + " more characters left out (a report keeps at most " + maxChars + " characters of each diff)\n";
    }
}
