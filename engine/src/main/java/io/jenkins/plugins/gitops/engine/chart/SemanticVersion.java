package io.jenkins.plugins.gitops.engine.chart;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chart version as Helm reads one (Masterminds semver, lenient form): {@code 1.2.3}, {@code v1.2},
 * {@code 1.2.3-rc.1+build.5}. Missing minor and patch parts are 0. Build metadata is kept for display but,
 * as semver says, plays no part in ordering.
 *
 * @param original the text as the repository wrote it (what an exact match compares)
 */
record SemanticVersion(String original, BigInteger major, BigInteger minor, BigInteger patch, String prerelease)
        implements Comparable<SemanticVersion> {

    private static final Pattern VERSION = Pattern.compile(
            "v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");

    /** The version {@code text} names, or empty when it is not a version. */
    static Optional<SemanticVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = VERSION.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SemanticVersion(text, number(matcher.group(1)), number(matcher.group(2)),
                number(matcher.group(3)), matcher.group(4) == null ? "" : matcher.group(4)));
    }

    private static BigInteger number(String digits) {
        return digits == null ? BigInteger.ZERO : new BigInteger(digits);
    }

    boolean isPrerelease() {
        return !prerelease.isEmpty();
    }

    @Override
    public int compareTo(SemanticVersion other) {
        int result = major.compareTo(other.major);
        if (result == 0) {
            result = minor.compareTo(other.minor);
        }
        if (result == 0) {
            result = patch.compareTo(other.patch);
        }
        return result != 0 ? result : comparePrerelease(prerelease, other.prerelease);
    }

    /** Semver §11: a release is above its prereleases; identifiers compare numerically when both are numbers. */
    private static int comparePrerelease(String left, String right) {
        if (left.equals(right)) {
            return 0;
        }
        if (left.isEmpty()) {
            return 1;
        }
        if (right.isEmpty()) {
            return -1;
        }
        String[] a = left.split("\\.");
        String[] b = right.split("\\.");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            boolean aNumber = a[i].chars().allMatch(Character::isDigit);
            boolean bNumber = b[i].chars().allMatch(Character::isDigit);
            int result;
            if (aNumber && bNumber) {
                result = new BigInteger(a[i]).compareTo(new BigInteger(b[i]));
            } else if (aNumber != bNumber) {
                result = aNumber ? -1 : 1;
            } else {
                result = a[i].compareTo(b[i]);
            }
            if (result != 0) {
                return result;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    /** Equal in ordering (build metadata ignored), which {@code equals} is not: it compares the text too. */
    boolean sameAs(SemanticVersion other) {
        return compareTo(other) == 0;
    }

    @Override
    public String toString() {
        return original;
    }
}
