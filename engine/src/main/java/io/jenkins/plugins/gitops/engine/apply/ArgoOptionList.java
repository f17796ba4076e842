package io.jenkins.plugins.gitops.engine.apply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One of Argo CD's option-list annotations ({@code argocd.argoproj.io/sync-options},
 * {@code argocd.argoproj.io/compare-options}) read by Argo CD's rules: split on commas, each item trimmed, empty
 * items dropped, compared exactly and case-sensitively. Items are {@code Key=value} options or bare flags.
 *
 * <p>Argo CD ignores what it does not know; so does this class, but it says so ({@link #unknown()}), because
 * {@code prune=false} silently doing nothing is how objects get deleted. A known key with a value Argo CD does
 * not define ({@code Prune=maybe}) is an error instead: the author meant that option and it cannot be honoured.
 */
final class ArgoOptionList {

    private final Map<String, String> options;
    private final Set<String> flags;
    private final List<String> unknown;

    private final Set<String> knownKeys;
    private final Set<String> knownFlags;

    private ArgoOptionList(Map<String, String> options, Set<String> flags, List<String> unknown, Set<String> knownKeys,
            Set<String> knownFlags) {
        this.options = options;
        this.flags = flags;
        this.unknown = unknown;
        this.knownKeys = knownKeys;
        this.knownFlags = knownFlags;
    }

    /**
     * Parses {@code value} of {@code annotation}.
     *
     * @param knownOptions each key Argo CD defines, with the values it accepts
     * @param knownFlags bare items Argo CD defines
     * @throws IllegalArgumentException naming the annotation, the item and the accepted values when a known key has
     *     a value that is not one of them
     */
    static ArgoOptionList parse(String annotation, String value, Map<String, List<String>> knownOptions,
            Set<String> knownFlags) {
        Map<String, String> options = new LinkedHashMap<>();
        Set<String> flags = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String raw : value.split(",")) {
            String item = raw.trim();
            if (item.isEmpty()) {
                continue;
            }
            int equals = item.indexOf('=');
            String key = equals < 0 ? item : item.substring(0, equals);
            if (equals < 0 && knownFlags.contains(item)) {
                flags.add(item);
            } else if (equals >= 0 && knownOptions.containsKey(key)) {
                String optionValue = item.substring(equals + 1);
                List<String> accepted = knownOptions.get(key);
                if (!accepted.contains(optionValue)) {
                    throw new IllegalArgumentException("annotation " + annotation + ": \"" + item + "\": " + key
                            + " takes " + String.join(" or ", accepted) + " (exactly, as Argo CD compares them);"
                            + " fix it in Git");
                }
                options.put(key, optionValue);
            } else {
                unknown.add(item);
            }
        }
        return new ArgoOptionList(options, flags, List.copyOf(unknown), knownOptions.keySet(), knownFlags);
    }

    /**
     * For an {@link #unknown()} item whose key is a known one spelled in another case, since Argo CD matches exactly:
     * {@code " (did you mean Prune? …)"}; otherwise empty.
     */
    String hintFor(String item) {
        int equals = item.indexOf('=');
        String key = equals < 0 ? item : item.substring(0, equals);
        for (String known : knownKeys) {
            if (known.toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT))) {
                return " (did you mean " + known + "? Argo CD's options are case-sensitive)";
            }
        }
        for (String known : knownFlags) {
            if (known.toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT))) {
                return " (did you mean " + known + "? Argo CD's options are case-sensitive)";
            }
        }
        return "";
    }

    /** Whether the list sets {@code key} to {@code value}. */
    boolean has(String key, String value) {
        return value.equals(options.get(key));
    }

    /** Whether the list sets {@code key} at all. */
    boolean sets(String key) {
        return options.containsKey(key);
    }

    boolean hasFlag(String flag) {
        return flags.contains(flag);
    }

    /** Items that are not Argo CD options, as written. */
    List<String> unknown() {
        return unknown;
    }
}
