package io.jenkins.plugins.gitops.engine.declare;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands the placeholders of a folder's template ({@code {path}}, {@code {path[1]}}, {@code {path.basename}},
 * {@code {path.filename}}, {@code {path.filenameWithoutExtension}}; see {@link MatchedPath}) for one match.
 * There is no escaping: a template never needs a literal brace.
 */
public final class Placeholders {

    private static final Pattern SEGMENT = Pattern.compile("path\\[(\\d{1,2})]");
    private static final String KNOWN = "{path}, {path[n]}, {path.basename}, {path.filename},"
            + " {path.filenameWithoutExtension}";

    private Placeholders() {
    }

    /**
     * @return the template with every placeholder replaced; null for a null template
     * @throws DeclarationException for an unknown or unclosed placeholder, a segment the path does not have, or a
     *     file placeholder used by the directories generator
     */
    public static String expand(String template, MatchedPath match) throws DeclarationException {
        if (template == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '}') {
                throw new DeclarationException("\"" + template + "\" has a } without a {; remove it");
            }
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            int close = template.indexOf('}', i);
            if (close < 0) {
                throw new DeclarationException("\"" + template + "\" has a { that is not closed; write a placeholder"
                        + " such as {path.basename}");
            }
            out.append(valueOf(template, template.substring(i + 1, close), match));
            if (out.length() > DeclarationLimits.MAX_EXPANDED_LENGTH) {
                throw new DeclarationException("\"" + template + "\" expands to more than "
                        + DeclarationLimits.MAX_EXPANDED_LENGTH + " characters for " + match.source());
            }
            i = close + 1;
        }
        return out.toString();
    }

    /** Checks the placeholders of a template without a match, for a folder's configuration form. */
    public static void check(String template, boolean files) throws DeclarationException {
        expand(template, files ? MatchedPath.file("a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q.yaml")
                : MatchedPath.folder("a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q"));
    }

    private static String valueOf(String template, String name, MatchedPath match) throws DeclarationException {
        switch (name) {
            case "path":
                return match.path();
            case "path.basename":
                return match.basename();
            case "path.filename":
            case "path.filenameWithoutExtension":
                if (!match.file()) {
                    throw new DeclarationException("\"" + template + "\" uses {" + name + "}, which only the files"
                            + " generator has; use {path.basename} or {path[n]}");
                }
                return name.equals("path.filename") ? match.filename() : match.filenameWithoutExtension();
            default:
                Matcher segment = SEGMENT.matcher(name);
                if (!segment.matches()) {
                    throw new DeclarationException("\"" + template + "\" has the unknown placeholder {" + name
                            + "}; use one of " + KNOWN);
                }
                int index = Integer.parseInt(segment.group(1));
                List<String> segments = match.segments();
                if (index >= segments.size()) {
                    throw new DeclarationException("\"" + template + "\" uses {" + name + "} but \"" + match.path()
                            + "\" has " + segments.size() + " segment" + (segments.size() == 1 ? "" : "s")
                            + " (counted from 0); fix the index or the pattern");
                }
                return segments.get(index);
        }
    }
}
