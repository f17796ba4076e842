package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One comparison of a normalised desired object with its live object: a walk over the fields Git
 * declares, asking of each whether the live object has the same value ("desired is a subset of live").
 *
 * <ul>
 *   <li>Maps: every declared key must match; keys only the live object has are the server's defaults or
 *       other managers' fields, and are not looked at.</li>
 *   <li>Associative lists ({@link ListMergeKeys}): each declared element must exist live, found by its
 *       merge key, and match as a subset; order does not matter and extra live elements (an injected
 *       sidecar) are fine.</li>
 *   <li>Sets: each declared value must be there; extra live values are fine.</li>
 *   <li>Atomic lists: the same length, scalars equal one by one, maps matched by position as subsets.</li>
 *   <li>Scalars: {@link ValueEquivalence}; a value the live object lacks is fine only when the server
 *       omitted it ({@link OmittedValues}).</li>
 * </ul>
 *
 * <p>Besides the changes, the walk builds two projections for the diff text: the declared fields as Git
 * has them and as the live object has them, the latter spelled like Git wherever the two are equivalent,
 * so that a text diff shows only real differences. Not thread-safe: one instance per comparison.
 */
final class DeclaredFieldsComparison {

    /** The identity of the object, by which the caller found the live object; shown, never compared. */
    private static final List<List<String>> IDENTITY = List.of(
            List.of("apiVersion"), List.of("kind"), List.of("metadata", "name"), List.of("metadata", "namespace"));

    /** What one step of the walk yields: the declared value and the live one (null when absent). */
    record Projection(JsonNode desired, JsonNode live) {
    }

    /** The outcome of a whole comparison. */
    record Result(List<FieldChange> changes, ObjectNode comparedDesired, ObjectNode comparedLive) {
    }

    private final String kind;
    private final List<PointerPattern> ignoredPointers;
    private final SecretMask mask;
    private final EnvValueMask envValues;
    private final List<FieldChange> changes = new ArrayList<>();

    DeclaredFieldsComparison(String kind, List<PointerPattern> ignoredPointers, SecretMask mask,
            EnvValueMask envValues) {
        this.kind = kind;
        this.ignoredPointers = List.copyOf(ignoredPointers);
        this.mask = mask;
        this.envValues = envValues;
    }

    Result compare(ObjectNode desired, ObjectNode live, Owners owners) {
        Projection top = walkObject(desired, live, FieldPath.ROOT, owners);
        return new Result(List.copyOf(changes), (ObjectNode) top.desired(), (ObjectNode) top.live());
    }

    private Projection walk(JsonNode desired, JsonNode live, FieldPath path, Owners owners) {
        JsonNode present = live == null || live.isNull() || live.isMissingNode() ? null : live;
        if (desired.isObject()) {
            return walkObject((ObjectNode) desired, present, path, owners);
        }
        if (desired.isArray()) {
            return walkList((ArrayNode) desired, present, path, owners);
        }
        return walkValue(desired, present, path, owners);
    }

    private Projection walkObject(ObjectNode desired, JsonNode live, FieldPath path, Owners owners) {
        if (live == null && desired.isEmpty()) {
            return OmittedValues.omittedByServer(desired, path, owners) ? same(desired) : change(path, desired, null, owners);
        }
        if (live != null && !live.isObject()) {
            return change(path, desired, live, owners);
        }
        int changesBefore = changes.size();
        ObjectNode desiredOut = JsonNodeFactory.instance.objectNode();
        ObjectNode liveOut = live == null ? null : JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : desired.properties()) {
            FieldPath child = path.field(field.getKey());
            if (isIdentity(child)) {
                desiredOut.set(field.getKey(), field.getValue());
                if (liveOut != null) {
                    liveOut.set(field.getKey(), field.getValue());
                }
                continue;
            }
            Owners childOwners = owners.descend(child.segment());
            if (isIgnored(child, childOwners)) {
                continue;
            }
            // A map the live object lacks is still walked, so that each declared field is reported on its own.
            Projection projection = walk(field.getValue(), live == null ? null : live.get(field.getKey()), child, childOwners);
            desiredOut.set(field.getKey(), projection.desired());
            if (liveOut != null && projection.live() != null) {
                liveOut.set(field.getKey(), projection.live());
            }
        }
        if (liveOut == null && changes.size() == changesBefore) {
            // Everything below was omitted by the server: the live object is as declared.
            return same(desiredOut);
        }
        return new Projection(desiredOut, liveOut);
    }

    private Projection walkValue(JsonNode desired, JsonNode live, FieldPath path, Owners owners) {
        if (live == null) {
            return OmittedValues.omittedByServer(desired, path, owners) ? same(desired) : change(path, desired, null, owners);
        }
        return ValueEquivalence.equivalent(kind, path, desired, live) ? same(desired) : change(path, desired, live, owners);
    }

    private Projection walkList(ArrayNode desired, JsonNode live, FieldPath path, Owners owners) {
        if (live == null && desired.isEmpty()) {
            return OmittedValues.omittedByServer(desired, path, owners) ? same(desired) : change(path, desired, null, owners);
        }
        if (live != null && !live.isArray()) {
            return change(path, desired, live, owners);
        }
        ArrayNode liveList = live == null ? JsonNodeFactory.instance.arrayNode() : (ArrayNode) live;
        ListSemantics semantics = ListMergeKeys.semanticsOf(kind, path);
        if (semantics.type() == ListSemantics.Type.MAP && allKeyed(desired, semantics)) {
            return walkAssociative(desired, liveList, live == null, path, owners, semantics);
        }
        if (live == null) {
            return change(path, desired, null, owners);
        }
        if (semantics.type() == ListSemantics.Type.SET && allScalars(desired)) {
            return walkSet(desired, liveList, path, owners);
        }
        return walkAtomic(desired, liveList, path, owners);
    }

    private Projection walkAssociative(
            ArrayNode desired, ArrayNode live, boolean liveAbsent, FieldPath path, Owners owners, ListSemantics semantics) {
        ArrayNode desiredOut = JsonNodeFactory.instance.arrayNode();
        ArrayNode liveOut = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < desired.size(); i++) {
            JsonNode element = desired.get(i);
            ObjectNode key = semantics.keyOf(element);
            JsonNode match = findByKey(live, key, semantics);
            // Name the element by the live key where there is one: it is the key server-side apply recorded.
            FieldPath child = path.keyed(match == null ? key : semantics.keyOf(match), i);
            Owners childOwners = owners.descend(child.segment());
            if (isIgnored(child, childOwners)) {
                continue;
            }
            if (match == null) {
                desiredOut.add(change(child, element, null, childOwners).desired());
                continue;
            }
            Projection projection = walkObject((ObjectNode) element, match, child, childOwners);
            desiredOut.add(projection.desired());
            liveOut.add(projection.live());
        }
        return new Projection(desiredOut, liveAbsent ? null : liveOut);
    }

    private static JsonNode findByKey(ArrayNode live, ObjectNode key, ListSemantics semantics) {
        for (JsonNode element : live) {
            ObjectNode liveKey = semantics.keyOf(element);
            if (liveKey != null && ValueEquivalence.sameValue(liveKey, key)) {
                return element;
            }
        }
        return null;
    }

    private Projection walkSet(ArrayNode desired, ArrayNode live, FieldPath path, Owners owners) {
        ArrayNode declared = JsonNodeFactory.instance.arrayNode();
        boolean allPresent = true;
        for (int i = 0; i < desired.size(); i++) {
            JsonNode value = desired.get(i);
            FieldPath member = path.setMember(value, i);
            if (isIgnored(member, owners.descend(member.segment()))) {
                continue;
            }
            declared.add(value);
            allPresent &= containsEquivalent(live, value, path);
        }
        return allPresent ? same(declared) : change(path, declared, live, owners);
    }

    private boolean containsEquivalent(ArrayNode live, JsonNode value, FieldPath path) {
        for (JsonNode element : live) {
            if (ValueEquivalence.equivalent(kind, path, value, element)) {
                return true;
            }
        }
        return false;
    }

    private Projection walkAtomic(ArrayNode desired, ArrayNode live, FieldPath path, Owners owners) {
        if (desired.size() != live.size()) {
            return change(path, desired, live, owners);
        }
        if (allScalars(desired) && allScalars(live)) {
            for (int i = 0; i < desired.size(); i++) {
                if (!ValueEquivalence.equivalent(kind, path, desired.get(i), live.get(i))) {
                    return change(path, desired, live, owners);
                }
            }
            return same(desired);
        }
        // Maps without a merge key: by position, each as a subset of its live counterpart.
        ArrayNode desiredOut = JsonNodeFactory.instance.arrayNode();
        ArrayNode liveOut = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < desired.size(); i++) {
            FieldPath child = path.positional(i);
            Owners childOwners = owners.descend(child.segment());
            if (isIgnored(child, childOwners)) {
                continue;
            }
            Projection projection = walk(desired.get(i), live.get(i), child, childOwners);
            desiredOut.add(projection.desired());
            liveOut.add(projection.live() == null ? JsonNodeFactory.instance.nullNode() : projection.live());
        }
        return new Projection(desiredOut, liveOut);
    }

    private boolean isIgnored(FieldPath path, Owners owners) {
        if (owners.isOwnedByIgnoredManager()) {
            return true;
        }
        if (ignoredPointers.isEmpty()) {
            return false;
        }
        List<String> tokens = path.pointerTokens();
        return ignoredPointers.stream().anyMatch(pointer -> pointer.matches(tokens));
    }

    private static boolean isIdentity(FieldPath path) {
        return IDENTITY.contains(path.fieldNames()) && path.pointerTokens().size() == path.fieldNames().size();
    }

    private static boolean allKeyed(ArrayNode elements, ListSemantics semantics) {
        for (JsonNode element : elements) {
            if (semantics.keyOf(element) == null) {
                return false;
            }
        }
        return true;
    }

    private static boolean allScalars(ArrayNode elements) {
        for (JsonNode element : elements) {
            if (element.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    /** The value a change shows: Secret values and sensitive environment values hidden. */
    private JsonNode hide(FieldPath path, JsonNode value) {
        return envValues.mask(path, mask.mask(path, value.deepCopy()));
    }

    private static Projection same(JsonNode desired) {
        return new Projection(desired, desired);
    }

    private Projection change(FieldPath path, JsonNode desired, JsonNode live, Owners owners) {
        changes.add(new FieldChange(path.toString(), hide(path, desired),
                live == null ? null : hide(path, live), live == null ? List.of() : owners.otherManagers()));
        return new Projection(desired, live);
    }
}
