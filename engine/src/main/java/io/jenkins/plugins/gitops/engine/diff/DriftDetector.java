package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Tells whether a live object has drifted from what Git declares, from the two objects alone (no API
 * request: the live object is what LIST or GET returned, managedFields included).
 *
 * <p>Only the fields Git declares are compared, normalised as the API server stores them
 * ({@link Normalizer}, {@link ValueEquivalence}, {@link OmittedValues}), so an object that was just
 * applied with server-side apply is in sync, whatever defaults the server added; and every declared
 * field somebody else changed or removed is reported. See {@link DeclaredFieldsComparison} for the
 * matching rules of maps and lists. Secret values, and the values of environment variables that the
 * options' {@link RedactionRules} call sensitive, never leave this class unmasked.
 *
 * <p>Immutable and thread-safe.
 */
public final class DriftDetector {

    private static final Logger LOGGER = Logger.getLogger(DriftDetector.class.getName());

    private final DiffOptions options;
    private final EnvValueMask envValues;

    public DriftDetector() {
        this(DiffOptions.defaults());
    }

    public DriftDetector(DiffOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.envValues = new EnvValueMask(options.redactionRules());
    }

    /** The options this detector compares with; a reconcile reads its redaction rules from them. */
    public DiffOptions options() {
        return options;
    }

    /**
     * Compares one desired object with its live counterpart.
     *
     * @param desired the object as Git declares it (not modified)
     * @param live the object as the API server returned it, or {@code null} when it does not exist
     * @throws IllegalArgumentException when {@code desired} has no kind or name, or {@code live} is
     *     another object
     */
    public ObjectDrift compare(ObjectNode desired, ObjectNode live) {
        Objects.requireNonNull(desired, "desired");
        ObjectRef ref = refOf(desired, live);
        String apiVersion = desired.path("apiVersion").asText();
        SecretMask mask = SecretMask.forObject(apiVersion, ref.kind());
        ObjectNode normalized = options.normalizer().normalize(desired);
        if (live == null) {
            ObjectNode shown = hide(mask, normalized);
            return new ObjectDrift(ref, DriftStatus.MISSING, List.of(), shown, shown, null);
        }
        checkSameObject(ref, apiVersion, live);

        List<PointerPattern> pointers = new ArrayList<>();
        Set<String> ignoredManagers = new HashSet<>();
        for (IgnoreRule rule : options.ignoreRules()) {
            if (rule.appliesTo(ref)) {
                pointers.addAll(rule.pointerPatterns());
                ignoredManagers.addAll(rule.fieldManagers());
            }
        }
        ManagedFields managedFields = ManagedFields.of(live, ref);
        List<FieldSet> ours = options.ownFieldManager() == null
                ? List.of()
                : managedFields.ownedBy(Set.of(options.ownFieldManager()));
        Set<String> notOthers = new HashSet<>(ignoredManagers);
        if (options.ownFieldManager() != null) {
            notOthers.add(options.ownFieldManager());
        }
        List<FieldSet> ignoredSets = managedFields.ownedBy(ignoredManagers);
        Owners owners = Owners.at(ignoredSets, ours, managedFields.othersThan(notOthers));

        DeclaredFieldsComparison.Result result = new DeclaredFieldsComparison(ref.kind(), pointers, mask, envValues)
                .compare(normalized, live, owners);
        List<FieldChange> changes = new ArrayList<>(result.changes());
        if (options.ownFieldManager() != null) {
            changes.addAll(new UndeclaredFields(mask, envValues).find(removable(managedFields), normalized, live,
                    result.comparedLive(), path -> isIgnored(path, pointers, ignoredSets)));
        }
        DriftStatus status = changes.isEmpty() ? DriftStatus.IN_SYNC : DriftStatus.OUT_OF_SYNC;
        LOGGER.fine(() -> ref + ": " + status + (changes.isEmpty() ? "" : " at " + changes.stream()
                .map(FieldChange::path).toList()));
        return new ObjectDrift(ref, status, changes, hide(mask, normalized),
                hide(mask, result.comparedDesired()), hide(mask, result.comparedLive()));
    }

    /**
     * The field sets whose fields a sync removes when Git no longer declares them: those our manager applied,
     * and those client-side {@code kubectl apply} set, which a sync hands over to our manager first.
     */
    private List<FieldSet> removable(ManagedFields managedFields) {
        List<FieldSet> sets = new ArrayList<>(managedFields.ownedBy(options.ownFieldManager(), "Apply"));
        for (String manager : ClientSideApply.MANAGERS) {
            sets.addAll(managedFields.ownedBy(manager, ClientSideApply.OPERATION));
        }
        return sets;
    }

    /** Whether a rule ignores {@code path}, by pointer or because an ignored manager owns all of it. */
    private static boolean isIgnored(FieldPath path, List<PointerPattern> pointers, List<FieldSet> ignoredSets) {
        List<String> tokens = path.pointerTokens();
        if (pointers.stream().anyMatch(pointer -> pointer.matches(tokens))) {
            return true;
        }
        if (ignoredSets.isEmpty()) {
            return false;
        }
        List<FieldPath.Segment> segments = new ArrayList<>();
        for (FieldPath at = path; at.parent() != null; at = at.parent()) {
            segments.add(0, at.segment());
        }
        Owners owners = Owners.at(ignoredSets, List.of());
        for (FieldPath.Segment segment : segments) {
            owners = owners.descend(segment);
            if (owners.isOwnedByIgnoredManager()) {
                return true;
            }
        }
        return false;
    }

    /**
     * What to apply of {@code desired}: the object itself, less the fields whose whole value a manager named by an
     * ignore rule owns on {@code live} (the autoscaler's {@code spec.replicas}), so that a sync, which takes
     * declared fields back from every other manager, leaves those to their owner.
     *
     * @param live the live object, or {@code null} when it does not exist (then nothing is left out)
     */
    public ObjectNode applicable(ObjectNode desired, ObjectNode live) {
        if (live == null) {
            return desired;
        }
        ObjectRef ref = refOf(desired, live);
        Set<String> ignoredManagers = new HashSet<>();
        for (IgnoreRule rule : options.ignoreRules()) {
            if (rule.appliesTo(ref)) {
                ignoredManagers.addAll(rule.fieldManagers());
            }
        }
        if (ignoredManagers.isEmpty()) {
            return desired;
        }
        List<FieldSet> ignored = ManagedFields.of(live, ref).ownedBy(ignoredManagers);
        if (ignored.isEmpty()) {
            return desired;
        }
        ObjectNode copy = desired.deepCopy();
        leaveToIgnoredManagers(ref.kind(), copy, FieldPath.ROOT, Owners.at(ignored, List.of()));
        return copy;
    }

    private static void leaveToIgnoredManagers(String kind, com.fasterxml.jackson.databind.JsonNode node, FieldPath path,
            Owners owners) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                FieldPath child = path.field(name);
                Owners childOwners = owners.descend(child.segment());
                if (childOwners.isOwnedByIgnoredManager()) {
                    object.remove(name);
                } else {
                    leaveToIgnoredManagers(kind, object.get(name), child, childOwners);
                }
            }
        } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode list) {
            ListSemantics semantics = ListMergeKeys.semanticsOf(kind, path);
            if (semantics.type() != ListSemantics.Type.MAP) {
                return;
            }
            for (int i = list.size() - 1; i >= 0; i--) {
                ObjectNode key = semantics.keyOf(list.get(i));
                if (key == null) {
                    continue;
                }
                FieldPath child = path.keyed(key, i);
                Owners childOwners = owners.descend(child.segment());
                if (childOwners.isOwnedByIgnoredManager()) {
                    list.remove(i);
                } else {
                    leaveToIgnoredManagers(kind, list.get(i), child, childOwners);
                }
            }
        }
    }

    /** A view of an object with Secret values and sensitive environment values hidden. */
    private ObjectNode hide(SecretMask secrets, ObjectNode object) {
        return envValues.maskObject(secrets.maskObject(object));
    }

    private static ObjectRef refOf(ObjectNode desired, ObjectNode live) {
        String apiVersion = desired.path("apiVersion").asText();
        String kind = desired.path("kind").asText();
        String name = desired.path("metadata").path("name").asText();
        if (apiVersion.isEmpty() || kind.isEmpty() || name.isEmpty()) {
            throw new IllegalArgumentException("desired object " + (kind.isEmpty() ? "?" : kind) + "/"
                    + (name.isEmpty() ? "?" : name) + " lacks apiVersion, kind or metadata.name; "
                    + "compare only objects the renderer accepted");
        }
        String namespace = textOrNull(desired.path("metadata").path("namespace"));
        if (namespace == null && live != null) {
            // Git may leave the namespace to the environment; name the object as the cluster knows it.
            namespace = textOrNull(live.path("metadata").path("namespace"));
        }
        return new ObjectRef(ObjectRef.groupOf(apiVersion), kind, namespace, name);
    }

    private static void checkSameObject(ObjectRef ref, String apiVersion, ObjectNode live) {
        String liveKind = live.path("kind").asText();
        String liveGroup = ObjectRef.groupOf(live.path("apiVersion").asText(apiVersion));
        String liveName = live.path("metadata").path("name").asText();
        boolean sameKind = liveKind.isEmpty() || (liveKind.equals(ref.kind()) && liveGroup.equals(ref.group()));
        if (!sameKind || !liveName.equals(ref.name())) {
            throw new IllegalArgumentException(ref + ": the live object given is " + liveKind + " " + liveName
                    + " of group \"" + liveGroup + "\"; compare an object only with its own live state");
        }
    }

    private static String textOrNull(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
    }
}
