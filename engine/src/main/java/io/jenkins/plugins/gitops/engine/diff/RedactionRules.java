package io.jenkins.plugins.gitops.engine.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which values, besides a Secret's {@code data} and {@code stringData} (always hidden), count as secret:
 * container environment variables whose name matches one of these patterns, such as {@code DB_PASSWORD}
 * or {@code API_TOKEN}. Their {@code value} is hidden in diffs, and the {@link Redactor} removes it from
 * every message.
 *
 * <p>Patterns are globs matched against the whole name without regard to case: {@code *} stands for any
 * characters, {@code ?} for one. The default, {@value #DEFAULT_PATTERNS}, errs on the side of hiding:
 * {@code *KEY*} also hides {@code MONKEY_COUNT}, which costs a diff line, never a leak.
 *
 * <p>Immutable.
 */
public final class RedactionRules {

    /** The default patterns, as users write them in a configuration field. */
    public static final String DEFAULT_PATTERNS = "*PASSWORD*|*TOKEN*|*SECRET*|*KEY*";

    /** What an environment variable name may hold, plus the two wildcards. */
    private static final Pattern VALID_GLOB = Pattern.compile("[A-Za-z0-9_.*?-]+");
    private static final Pattern SEPARATORS = Pattern.compile("[|,\\s]+");

    private final List<String> envNamePatterns;
    /** All patterns as one case-insensitive regular expression, or null when there are none. */
    private final Pattern matcher;

    private RedactionRules(List<String> envNamePatterns) {
        this.envNamePatterns = List.copyOf(envNamePatterns);
        this.matcher = envNamePatterns.isEmpty() ? null : Pattern.compile(envNamePatterns.stream()
                .map(RedactionRules::toRegex).collect(Collectors.joining("|")), Pattern.CASE_INSENSITIVE);
    }

    /** The default patterns: {@value #DEFAULT_PATTERNS}. */
    public static RedactionRules defaults() {
        return parse(DEFAULT_PATTERNS);
    }

    /** No environment variable is hidden; Secret values still are. */
    public static RedactionRules secretsOnly() {
        return new RedactionRules(List.of());
    }

    /**
     * Rules from globs such as {@code *PASSWORD*}.
     *
     * @throws IllegalArgumentException when a pattern is blank or holds a character no environment
     *     variable name can hold
     */
    public static RedactionRules of(List<String> envNamePatterns) {
        List<String> patterns = new ArrayList<>();
        for (String pattern : envNamePatterns) {
            String glob = pattern == null ? "" : pattern.strip();
            if (!VALID_GLOB.matcher(glob).matches()) {
                throw new IllegalArgumentException("redaction rules: pattern \"" + glob + "\" is not a name pattern;"
                        + " use letters, digits, _ - . and the wildcards * (any characters) and ? (one character)");
            }
            patterns.add(glob);
        }
        return new RedactionRules(patterns);
    }

    /**
     * Rules from a configuration field: patterns separated by {@code |}, commas, spaces or line breaks,
     * as in {@code *PASSWORD*|*TOKEN*}. A blank text means {@link #secretsOnly()}.
     *
     * @throws IllegalArgumentException as {@link #of(List)}
     */
    public static RedactionRules parse(String patterns) {
        if (patterns == null || patterns.isBlank()) {
            return secretsOnly();
        }
        return of(Arrays.stream(SEPARATORS.split(patterns.strip())).filter(p -> !p.isEmpty()).toList());
    }

    public List<String> envNamePatterns() {
        return envNamePatterns;
    }

    /** Whether the value of an environment variable with this name must be hidden. */
    public boolean isSensitiveEnvName(String name) {
        return matcher != null && name != null && matcher.matcher(name).matches();
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        return "(?:" + regex.append(Pattern.quote(literal.toString())) + ")";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RedactionRules that && envNamePatterns.stream().map(p -> p.toUpperCase(Locale.ROOT))
                .toList().equals(that.envNamePatterns.stream().map(p -> p.toUpperCase(Locale.ROOT)).toList());
    }

    @Override
    public int hashCode() {
        return envNamePatterns.stream().map(p -> p.toUpperCase(Locale.ROOT)).toList().hashCode();
    }

    /** The patterns as {@link #parse} reads them: {@code *PASSWORD*|*TOKEN*}. */
    @Override
    public String toString() {
        return String.join("|", envNamePatterns);
    }
}
