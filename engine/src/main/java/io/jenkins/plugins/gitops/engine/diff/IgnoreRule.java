package io.jenkins.plugins.gitops.engine.diff;

import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Fields that are not compared, like Argo CD's {@code ignoreDifferences}: given by JSON pointer, by the
 * field managers that own them, or both, for every object or only for some.
 *
 * <p>Pointers address the normalised desired object (so a Secret's {@code stringData} key is
 * {@code /data/<key>}); a token {@code *} matches any key or list position. Field managers are
 * matched against the live object's {@code metadata.managedFields}: a field owned by one of them
 * ({@code spec.replicas} written by an autoscaler) is skipped, wherever it is.
 *
 * @param group API group the rule applies to, {@code null} or {@code *} for any ({@code ""} is the core group)
 * @param kind kind the rule applies to, {@code null} or {@code *} for any
 * @param namespace namespace, {@code null} for any; {@code *} in it matches any characters
 * @param name name, {@code null} for any; {@code *} in it matches any characters
 * @param jsonPointers fields not to compare
 * @param fieldManagers managers whose fields are not compared ({@code manager} of managedFields)
 */
public record IgnoreRule(
        String group, String kind, String namespace, String name, List<String> jsonPointers, Set<String> fieldManagers) implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    public IgnoreRule {
        jsonPointers = List.copyOf(jsonPointers);
        fieldManagers = Set.copyOf(new LinkedHashSet<>(fieldManagers));
        if (jsonPointers.isEmpty() && fieldManagers.isEmpty()) {
            throw new IllegalArgumentException("ignore rule for " + describe(group, kind, namespace, name)
                    + " names neither a JSON pointer nor a field manager; add one of them");
        }
        jsonPointers.forEach(PointerPattern::parse);
    }

    /** Ignores these fields in every object. */
    public static IgnoreRule pointers(String... jsonPointers) {
        return new IgnoreRule(null, null, null, null, Arrays.asList(jsonPointers), Set.of());
    }

    /** Ignores, in every object, the fields these managers own. */
    public static IgnoreRule fieldsOwnedBy(String... fieldManagers) {
        return new IgnoreRule(null, null, null, null, List.of(), new LinkedHashSet<>(Arrays.asList(fieldManagers)));
    }

    /** The same rule, for objects of one group and kind only. */
    public IgnoreRule forKind(String newGroup, String newKind) {
        return new IgnoreRule(newGroup, newKind, namespace, name, jsonPointers, fieldManagers);
    }

    /** The same rule, for objects with this namespace and name only ({@code *} matches any characters). */
    public IgnoreRule forObject(String newNamespace, String newName) {
        return new IgnoreRule(group, kind, newNamespace, newName, jsonPointers, fieldManagers);
    }

    public boolean appliesTo(ObjectRef ref) {
        return matchesExactly(group, ref.group())
                && matchesExactly(kind, ref.kind())
                && matchesGlob(namespace, ref.namespace() == null ? "" : ref.namespace())
                && matchesGlob(name, ref.name());
    }

    List<PointerPattern> pointerPatterns() {
        return jsonPointers.stream().map(PointerPattern::parse).toList();
    }

    private static boolean matchesExactly(String expected, String actual) {
        return expected == null || expected.equals("*") || expected.equals(actual);
    }

    private static boolean matchesGlob(String glob, String actual) {
        if (glob == null) {
            return true;
        }
        String regex = Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
        return Pattern.matches(regex, actual);
    }

    private static String describe(String group, String kind, String namespace, String name) {
        return Objects.toString(kind, "*") + (group == null || group.isEmpty() ? "" : "." + group)
                + "/" + Objects.toString(namespace, "*") + "/" + Objects.toString(name, "*");
    }

    @Override
    public String toString() {
        return "ignore " + (jsonPointers.isEmpty() ? "" : jsonPointers + " ")
                + (fieldManagers.isEmpty() ? "" : "owned by " + fieldManagers + " ")
                + "in " + describe(group, kind, namespace, name);
    }
}
