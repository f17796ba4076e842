package io.jenkins.plugins.gitops.engine.declare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A glob over repository paths, such as {@code clusters/*}{@code /apps/*} or {@code environments/*.yaml}.
 *
 * <ul>
 *   <li>{@code *} in a segment matches any characters but {@code /}: {@code *} is one folder or file name,
 *       {@code *.yaml} a name ending in {@code .yaml};
 *   <li>a segment {@code **} matches any number of segments, none included (at most one per pattern);
 *   <li>a wildcard never matches a name starting with {@code .} ({@code .git}, {@code .github}), as in a shell;
 *       write the dot to match one ({@code .*});
 *   <li>every other character matches itself.
 * </ul>
 *
 * Patterns are relative to the repository root; absolute patterns, {@code .} and {@code ..} segments, empty
 * segments, backslashes and control characters are refused, so a pattern can never name anything outside the
 * repository.
 */
public final class PathPattern {

    private static final String ANY_DEPTH = "**";

    private final String text;
    private final List<String> segments;

    private PathPattern(String text, List<String> segments) {
        this.text = text;
        this.segments = segments;
    }

    /**
     * @throws DeclarationException saying what is wrong with the pattern and how to write it
     */
    public static PathPattern parse(String pattern) throws DeclarationException {
        Objects.requireNonNull(pattern, "pattern");
        String text = pattern.trim();
        if (text.isEmpty()) {
            throw invalid(pattern, "is empty; give folders relative to the repository root, such as clusters/*/apps/*");
        }
        if (text.length() > DeclarationLimits.MAX_PATTERN_LENGTH) {
            throw invalid(abbreviate(text), "is longer than " + DeclarationLimits.MAX_PATTERN_LENGTH + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                throw invalid(abbreviate(text), "contains a control character; remove it");
            }
            if (c == '\\') {
                throw invalid(text, "contains a backslash; separate folders with /");
            }
        }
        if (text.startsWith("/")) {
            throw invalid(text, "is absolute; give it relative to the repository root, without the leading /");
        }
        if (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        List<String> segments = Arrays.asList(text.split("/", -1));
        if (segments.size() > DeclarationLimits.MAX_PATTERN_SEGMENTS) {
            throw invalid(text, "has more than " + DeclarationLimits.MAX_PATTERN_SEGMENTS + " segments");
        }
        int anyDepth = 0;
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw invalid(text, "has an empty segment (//); separate folders with a single /");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw invalid(text, "contains a \"" + segment + "\" segment; patterns match inside the repository only");
            }
            if (segment.contains(ANY_DEPTH) && !segment.equals(ANY_DEPTH)) {
                throw invalid(text, "has ** inside the segment \"" + segment + "\"; ** must be a whole segment");
            }
            if (segment.equals(ANY_DEPTH)) {
                anyDepth++;
            }
        }
        if (anyDepth > 1) {
            throw invalid(text, "has more than one **; use ** once and * for single folders");
        }
        return new PathPattern(text, List.copyOf(segments));
    }

    /** Whether {@code path} (a repository path, '/'-separated, no leading '/') matches the whole pattern. */
    public boolean matches(String path) {
        if (path.isEmpty()) {
            return false;
        }
        return matches(segments, 0, path.split("/", -1), 0);
    }

    /** The smallest number of segments a matching path has: a path with fewer can be skipped. */
    int minimumDepth() {
        return (int) segments.stream().filter(s -> !s.equals(ANY_DEPTH)).count();
    }

    private static boolean matches(List<String> pattern, int p, String[] path, int s) {
        if (p == pattern.size()) {
            return s == path.length;
        }
        String segment = pattern.get(p);
        if (segment.equals(ANY_DEPTH)) {
            // The one ** takes zero or more segments; at most one per pattern keeps this linear in the path.
            for (int taken = s; taken <= path.length; taken++) {
                if (taken > s && path[taken - 1].startsWith(".")) {
                    return false;
                }
                if (matches(pattern, p + 1, path, taken)) {
                    return true;
                }
            }
            return false;
        }
        return s < path.length && matchesName(segment, path[s]) && matches(pattern, p + 1, path, s + 1);
    }

    /**
     * Whether one name matches one segment with {@code *} wildcards: the classic two-pointer match that
     * remembers the last star, in time proportional to the product of the lengths at worst, with no regular
     * expression to backtrack exponentially.
     */
    static boolean matchesName(String glob, String name) {
        if (name.startsWith(".") && !glob.startsWith(".")) {
            return false;
        }
        int g = 0;
        int n = 0;
        int star = -1;
        int resume = 0;
        while (n < name.length()) {
            if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                resume = n;
            } else if (g < glob.length() && glob.charAt(g) == name.charAt(n)) {
                g++;
                n++;
            } else if (star >= 0) {
                g = star + 1;
                n = ++resume;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }

    private static DeclarationException invalid(String pattern, String what) {
        return new DeclarationException("The pattern \"" + pattern + "\" " + what + ".");
    }

    private static String abbreviate(String text) {
        StringBuilder printable = new StringBuilder();
        for (int i = 0; i < text.length() && printable.length() < 40; i++) {
            char c = text.charAt(i);
            printable.append(Character.isISOControl(c) ? '?' : c);
        }
        return printable + (text.length() > 40 ? "…" : "");
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PathPattern that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** Every ancestor folder of {@code file}, nearest last: {@code a/b/c.yaml} gives {@code a}, {@code a/b}. */
    static List<String> foldersOf(String file) {
        List<String> folders = new ArrayList<>();
        int slash = file.indexOf('/');
        while (slash > 0) {
            folders.add(file.substring(0, slash));
            slash = file.indexOf('/', slash + 1);
        }
        return folders;
    }
}
