package io.jenkins.plugins.gitops.engine.chart;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version range as Helm reads one (Masterminds semver v3 constraints): alternatives separated by
 * {@code ||}, each a list of comparisons that must all hold, separated by spaces or commas. Comparisons:
 * {@code =} (or none), {@code !=}, {@code >}, {@code <}, {@code >=}, {@code <=}, {@code ~} ("same minor",
 * or "same major" when only a major is given), {@code ^} ("same major", or the same minor below 1.0), a
 * hyphen range {@code 1.2 - 1.4.5}, and wildcards {@code x}, {@code X}, {@code *} or missing parts
 * ({@code 1.2} is {@code 1.2.x}).
 *
 * <p>As in Helm, a prerelease version matches only a range that itself names a prerelease
 * ({@code >=1.0.0-0}); the empty range is {@code *}, the latest stable version.
 */
final class VersionConstraint {

    private static final Pattern OPERATOR_SPACE = Pattern.compile("(>=|<=|=>|=<|!=|~>|>|<|=|~|\\^)\\s+");
    private static final Pattern HYPHEN = Pattern.compile("(\\S+)\\s+-\\s+(\\S+)");
    private static final Pattern COMPARISON = Pattern.compile(
            "(>=|<=|=>|=<|!=|~>|>|<|=|~|\\^)?v?(\\d+|[xX*])(?:\\.(\\d+|[xX*]))?(?:\\.(\\d+|[xX*]))?"
                    + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

    private final String text;
    private final List<List<Comparison>> alternatives;

    private VersionConstraint(String text, List<List<Comparison>> alternatives) {
        this.text = text;
        this.alternatives = alternatives;
    }

    /**
     * @throws IllegalArgumentException when {@code text} is not a version range; the message says which part
     */
    static VersionConstraint parse(String text) {
        String range = text == null || text.isBlank() ? "*" : text.strip();
        List<List<Comparison>> alternatives = new ArrayList<>();
        for (String alternative : range.split("\\|\\|", -1)) {
            String expanded = HYPHEN.matcher(alternative.strip()).replaceAll(">=$1 <=$2");
            expanded = OPERATOR_SPACE.matcher(expanded).replaceAll("$1");
            List<Comparison> all = new ArrayList<>();
            for (String part : expanded.split("[,\\s]+")) {
                if (!part.isEmpty()) {
                    all.add(Comparison.parse(part));
                }
            }
            if (all.isEmpty()) {
                throw new IllegalArgumentException("an empty alternative between '||'");
            }
            alternatives.add(all);
        }
        return new VersionConstraint(range, alternatives);
    }

    boolean matches(SemanticVersion version) {
        return alternatives.stream().anyMatch(all -> all.stream().allMatch(comparison -> comparison.matches(version)));
    }

    @Override
    public String toString() {
        return text;
    }

    /** One comparison; {@code level} is how many parts were given as numbers (0 for {@code *}, 3 for 1.2.3). */
    private record Comparison(String operator, BigInteger major, BigInteger minor, BigInteger patch,
            String prerelease, int level) {

        static Comparison parse(String part) {
            Matcher matcher = COMPARISON.matcher(part);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("'" + part + "' is not a version comparison");
            }
            String operator = matcher.group(1) == null ? "=" : switch (matcher.group(1)) {
                case "=>" -> ">=";
                case "=<" -> "<=";
                case "~>" -> "~";
                default -> matcher.group(1);
            };
            int level = 0;
            BigInteger[] parts = new BigInteger[3];
            boolean wildcard = false;
            for (int i = 0; i < 3; i++) {
                String digits = matcher.group(i + 2);
                if (digits == null || wildcard || !Character.isDigit(digits.charAt(0))) {
                    wildcard = true;
                    parts[i] = BigInteger.ZERO;
                } else {
                    parts[i] = new BigInteger(digits);
                    level++;
                }
            }
            String prerelease = matcher.group(5) == null ? "" : matcher.group(5);
            return new Comparison(operator, parts[0], parts[1], parts[2], prerelease, level);
        }

        boolean matches(SemanticVersion version) {
            if (version.isPrerelease() && prerelease.isEmpty()) {
                return false;
            }
            int toBound = version.compareTo(bound());
            return switch (operator) {
                case "=" -> equalAtLevel(version);
                case "!=" -> !equalAtLevel(version);
                case ">" -> level == 3 ? toBound > 0 : level == 0 ? toBound > 0 : aboveAtLevel(version);
                case "<" -> toBound < 0;
                case ">=" -> toBound >= 0;
                case "<=" -> level == 3 ? toBound <= 0 : !aboveAtLevel(version);
                case "~" -> toBound >= 0 && (level >= 2 ? sameMajor(version) && version.minor().equals(minor)
                        : level == 1 ? sameMajor(version) : true);
                case "^" -> toBound >= 0 && caret(version);
                default -> throw new IllegalStateException(operator);
            };
        }

        private SemanticVersion bound() {
            return new SemanticVersion(major + "." + minor + "." + patch, major, minor, patch, prerelease);
        }

        private boolean sameMajor(SemanticVersion version) {
            return version.major().equals(major);
        }

        private boolean equalAtLevel(SemanticVersion version) {
            if (level == 3) {
                return version.compareTo(bound()) == 0;
            }
            return (level < 1 || sameMajor(version)) && (level < 2 || version.minor().equals(minor));
        }

        /** Above every version that the given parts describe ({@code >1.2} is 1.3.0 and up). */
        private boolean aboveAtLevel(SemanticVersion version) {
            int byMajor = version.major().compareTo(major);
            if (level <= 1) {
                return level == 1 && byMajor > 0;
            }
            int byMinor = version.minor().compareTo(minor);
            if (level == 2) {
                return byMajor > 0 || byMajor == 0 && byMinor > 0;
            }
            return version.compareTo(bound()) > 0;
        }

        private boolean caret(SemanticVersion version) {
            if (major.signum() > 0 || level == 1) {
                return sameMajor(version);
            }
            if (minor.signum() > 0 || level == 2) {
                return sameMajor(version) && version.minor().equals(minor);
            }
            return sameMajor(version) && version.minor().equals(minor) && version.patch().equals(patch);
        }
    }
}
