package io.jenkins.plugins.gitops.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.diff.FieldChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sentences that say which declared fields a sync takes back from other field managers:
 * {@code taken from kubectl-set: .spec.replicas 7 → 2}. Git wins, but never silently. The values are those of
 * the drift, so Secret values and sensitive environment values are already redacted.
 */
final class Takeovers {

    /** Long values are cut: the diff has them whole. */
    private static final int MAX_VALUE_CHARS = 60;

    private Takeovers() {
    }

    /** One sentence per other manager, in manager order; empty when no other manager owns a changed field. */
    static List<String> describe(List<FieldChange> changes) {
        Map<String, List<String>> byManager = new LinkedHashMap<>();
        for (FieldChange change : changes) {
            if (change.live() == null || change.removedFromGit()) {
                continue;
            }
            for (String manager : change.managers()) {
                byManager.computeIfAbsent(manager, m -> new ArrayList<>())
                        .add(change.path() + " " + shown(change.live()) + " \u2192 " + shown(change.desired()));
            }
        }
        List<String> sentences = new ArrayList<>();
        byManager.forEach((manager, fields) -> sentences.add("taken from " + manager + ": " + String.join(", ", fields)));
        return sentences;
    }

    private static String shown(JsonNode value) {
        String text = value.isTextual() ? value.asText() : value.toString();
        return text.length() > MAX_VALUE_CHARS ? text.substring(0, MAX_VALUE_CHARS - 1) + "\u2026" : text;
    }
}
