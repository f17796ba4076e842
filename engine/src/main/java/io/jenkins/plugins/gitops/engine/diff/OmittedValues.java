package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Decides whether a declared value that the live object lacks was simply omitted by the API server.
 * Built-in types drop empty values when they write JSON ({@code omitempty}): {@code labels: {}},
 * {@code env: []}, {@code value: ""}, {@code hostNetwork: false}, {@code readOnly: false} never come
 * back, though they were applied. Such an absence is not drift, with two exceptions:
 * <ul>
 *   <li>fields whose empty value means something else than absence ({@link #PRESENCE_MATTERS}):
 *       {@code emptyDir: {}} picks the volume type, {@code namespaceSelector: {}} selects every
 *       namespace, {@code automountServiceAccountToken: false} differs from the default {@code true};
 *       the server keeps these, so their absence means somebody removed them;</li>
 *   <li>a scalar ({@code false}, {@code ""}, {@code 0}) our own field manager no longer owns, when it
 *       has applied the object: server-side apply keeps owning an applied field the server omitted
 *       (it records {@code f:hostNetwork}), and moves or drops that ownership when somebody else
 *       changes or removes the field.</li>
 * </ul>
 */
final class OmittedValues {

    static final Set<String> PRESENCE_MATTERS = Set.of(
            "emptyDir", "namespaceSelector", "podSelector", "labelSelector",
            "automountServiceAccountToken", "enableServiceLinks", "allowPrivilegeEscalation");

    private OmittedValues() {
    }

    static boolean omittedByServer(JsonNode desired, FieldPath path, Owners owners) {
        if (!isEmptyValue(desired) || PRESENCE_MATTERS.contains(path.fieldName())) {
            return false;
        }
        if (desired.isValueNode() && owners.hasOwnEvidence()) {
            return owners.isOwnedByUs();
        }
        return true;
    }

    static boolean isEmptyValue(JsonNode value) {
        if (value.isContainerNode()) {
            return value.isEmpty();
        }
        if (value.isTextual()) {
            return value.asText().isEmpty();
        }
        if (value.isBoolean()) {
            return !value.booleanValue();
        }
        return value.isNumber() && value.decimalValue().signum() == 0;
    }
}
