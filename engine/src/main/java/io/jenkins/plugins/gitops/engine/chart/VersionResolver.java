package io.jenkins.plugins.gitops.engine.chart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks a chart version the way Helm does ({@code IndexFile.Get} for repositories,
 * {@code GetTagMatchingVersionOrConstraint} for OCI registries): a version written exactly as requested wins;
 * otherwise the request is a range ({@link VersionConstraint}) and the highest version in it wins; an empty
 * request is the latest stable version.
 */
final class VersionResolver {

    /** How many versions an error lists when none matches. */
    static final int NEAREST_LISTED = 5;

    private static final Pattern FIRST_VERSION = Pattern.compile("\\d+(?:\\.\\d+){0,2}");

    private VersionResolver() {
    }

    /**
     * The version of {@code available} that {@code requested} selects, as written in the repository; empty
     * when none does.
     *
     * @throws IllegalArgumentException when {@code requested} is neither a version in the list nor a range;
     *     the message says which part is wrong
     */
    static Optional<String> resolve(List<String> available, String requested) {
        String wanted = requested == null ? "" : requested.strip();
        if (!wanted.isEmpty() && available.contains(wanted)) {
            return Optional.of(wanted);
        }
        VersionConstraint constraint = VersionConstraint.parse(wanted);
        return sortedDescending(available).stream().filter(constraint::matches).findFirst()
                .map(SemanticVersion::original);
    }

    /**
     * The versions of {@code available} closest to {@code requested}, highest first, for an error message:
     * those around the first version number the request names, or the highest ones when it names none.
     */
    static List<String> nearest(List<String> available, String requested) {
        List<SemanticVersion> ascending = new ArrayList<>(sortedDescending(available));
        java.util.Collections.reverse(ascending);
        if (ascending.isEmpty()) {
            return List.of();
        }
        Matcher number = FIRST_VERSION.matcher(requested == null ? "" : requested);
        int position = ascending.size();
        if (number.find()) {
            SemanticVersion target = SemanticVersion.parse(number.group()).orElseThrow();
            position = 0;
            while (position < ascending.size() && ascending.get(position).compareTo(target) < 0) {
                position++;
            }
        }
        int from = Math.max(0, Math.min(position - NEAREST_LISTED / 2, ascending.size() - NEAREST_LISTED));
        int to = Math.min(ascending.size(), from + NEAREST_LISTED);
        List<String> nearest = new ArrayList<>();
        for (int i = to - 1; i >= from; i--) {
            nearest.add(ascending.get(i).original());
        }
        return nearest;
    }

    /** The versions that parse, highest first; the others cannot be in a range and are left out. */
    private static List<SemanticVersion> sortedDescending(List<String> available) {
        return available.stream().map(SemanticVersion::parse).flatMap(Optional::stream)
                .sorted(Comparator.reverseOrder()).toList();
    }
}
