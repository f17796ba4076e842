package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The fields a sync removes: fields this engine's field manager (or client-side {@code kubectl apply} before
 * it, see {@link ClientSideApply}) set on the live object and that Git no longer declares. Comparing declared
 * fields alone never sees them; their owners' field sets do.
 *
 * <p>Matching stays on the safe side: a list element is taken as still declared when Git has an element with
 * the same values for the merge-key fields it spells out (a port without {@code protocol} still matches
 * {@code protocol: TCP}), so a defaulted key can hide a removal but never invent one.
 */
final class UndeclaredFields {

    /** Fields that describe the object rather than its content, or that the migration itself removes. */
    private static final List<String> NOT_CONTENT = List.of("status", "managedFields", "resourceVersion", "uid",
            "generation", "creationTimestamp", "selfLink", "ownerReferences", "finalizers");

    private final SecretMask mask;
    private final EnvValueMask envValues;
    private final List<FieldChange> changes = new ArrayList<>();

    UndeclaredFields(SecretMask mask, EnvValueMask envValues) {
        this.mask = mask;
        this.envValues = envValues;
    }

    /**
     * The changes that remove what {@code owned} covers and {@code desired} lacks, adding each removed value to
     * {@code comparedLive} (when its place can be found there) so that the diff text shows it.
     *
     * @param skip the paths not to report (ignored by a rule, or owned by an ignored manager)
     */
    List<FieldChange> find(List<FieldSet> owned, ObjectNode desired, ObjectNode live, ObjectNode comparedLive,
            Predicate<FieldPath> skip) {
        for (FieldSet set : owned) {
            walkObject(set, desired, live, FieldPath.ROOT, comparedLive, skip);
        }
        return List.copyOf(changes);
    }

    private void walkObject(FieldSet set, JsonNode desired, JsonNode live, FieldPath path, ObjectNode projection,
            Predicate<FieldPath> skip) {
        if (live == null || !live.isObject()) {
            return;
        }
        for (Map.Entry<String, FieldSet> field : set.fields().entrySet()) {
            String name = field.getKey();
            if (path == FieldPath.ROOT && (name.equals("status") || name.equals("apiVersion") || name.equals("kind"))
                    || path.fieldName() != null && path.parent() == FieldPath.ROOT && path.fieldName().equals("metadata")
                            && NOT_CONTENT.contains(name)) {
                continue;
            }
            if (isLastAppliedAnnotation(path, name)) {
                continue;
            }
            FieldPath child = path.field(name);
            JsonNode liveValue = live.get(name);
            JsonNode desiredValue = desired == null ? null : desired.get(name);
            if (liveValue == null || liveValue.isNull() || skip.test(child)) {
                continue;
            }
            ObjectNode childProjection = projection == null ? null
                    : projection.get(name) instanceof ObjectNode existing ? existing : null;
            visit(field.getValue(), desiredValue, liveValue, child, projection, name, childProjection, skip);
        }
    }

    private void visit(FieldSet set, JsonNode desired, JsonNode live, FieldPath path, ObjectNode parentProjection,
            String name, ObjectNode projection, Predicate<FieldPath> skip) {
        if (desired == null && (set.ownsWholeValue() || set.ownsElement())) {
            removed(path, live);
            if (parentProjection != null && !parentProjection.has(name)) {
                parentProjection.set(name, live.deepCopy());
            }
            return;
        }
        boolean placeholder = parentProjection != null && !parentProjection.has(name);
        if (live.isObject()) {
            ObjectNode next = projection;
            if (next == null && placeholder) {
                next = parentProjection.putObject(name);
            }
            walkObject(set, desired, live, path, next, skip);
        } else if (live.isArray()) {
            JsonNode projected = placeholder ? parentProjection.putArray(name)
                    : parentProjection == null ? null : parentProjection.get(name);
            walkList(set, desired != null && desired.isArray() ? (ArrayNode) desired : null, (ArrayNode) live, path,
                    projected instanceof ArrayNode array ? array : null, skip);
        }
        if (placeholder && parentProjection.get(name) != null && parentProjection.get(name).isEmpty()) {
            parentProjection.remove(name); // nothing removed below: no empty placeholder in the diff
        }
    }

    private void walkList(FieldSet set, ArrayNode desired, ArrayNode live, FieldPath path, ArrayNode projection,
            Predicate<FieldPath> skip) {
        int position = 0;
        for (Map.Entry<JsonNode, FieldSet> element : set.keyed().entrySet()) {
            if (!(element.getKey() instanceof ObjectNode key)) {
                continue;
            }
            JsonNode liveElement = findByKey(live, key, true);
            if (liveElement == null) {
                continue;
            }
            FieldPath child = path.keyed(key, position++);
            if (skip.test(child)) {
                continue;
            }
            JsonNode desiredElement = desired == null ? null : findByKey(desired, key, false);
            FieldSet owned = element.getValue();
            if (desiredElement == null && owned.ownsElement()) {
                removed(child, liveElement);
                if (projection != null) {
                    projection.add(liveElement.deepCopy());
                }
                continue;
            }
            JsonNode projected = projection == null ? null : findByKey(projection, key, false);
            walkObject(owned, desiredElement, liveElement, child,
                    projected instanceof ObjectNode object ? object : null, skip);
        }
        for (Map.Entry<JsonNode, FieldSet> member : set.members().entrySet()) {
            JsonNode value = member.getKey();
            boolean live0 = contains(live, value);
            if (live0 && (desired == null || !contains(desired, value))) {
                FieldPath child = path.setMember(value, position++);
                if (!skip.test(child)) {
                    removed(child, value);
                }
            }
        }
    }

    private static boolean contains(ArrayNode list, JsonNode value) {
        for (JsonNode element : list) {
            if (ValueEquivalence.sameValue(element, value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The element of {@code list} with {@code key}'s merge-key values. With {@code exact}, every key field must
     * match; otherwise a field the element leaves out counts as matching (it may be defaulted live).
     */
    private static JsonNode findByKey(ArrayNode list, ObjectNode key, boolean exact) {
        for (JsonNode element : list) {
            if (!element.isObject()) {
                continue;
            }
            boolean matches = true;
            for (Map.Entry<String, JsonNode> keyField : key.properties()) {
                JsonNode value = element.get(keyField.getKey());
                if (value == null || value.isNull()) {
                    matches &= !exact;
                } else {
                    matches &= ValueEquivalence.sameValue(value, keyField.getValue());
                }
            }
            if (matches) {
                return element;
            }
        }
        return null;
    }

    private static boolean isLastAppliedAnnotation(FieldPath path, String name) {
        return name.equals(ClientSideApply.LAST_APPLIED_ANNOTATION) && "annotations".equals(path.fieldName())
                && "metadata".equals(path.parentFieldName());
    }

    private void removed(FieldPath path, JsonNode live) {
        changes.add(new FieldChange(path.toString(), null, envValues.mask(path, mask.mask(path, live.deepCopy()))));
    }
}
