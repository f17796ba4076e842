package io.jenkins.plugins.gitops.engine.diff;

import java.util.List;
import java.util.Objects;

/**
 * How a {@link DriftDetector} compares. Start from {@link #defaults()} and change what differs.
 *
 * @param ignoreRules fields not to compare (Argo CD's ignoreDifferences); rules that do not apply to an
 *     object are skipped
 * @param ownFieldManager the field manager our applier uses; with it, the live object's managedFields
 *     tell an empty value the server omitted ({@code hostNetwork: false}) from one somebody removed.
 *     {@code null} compares without that evidence (a declared empty value then always matches its
 *     absence). Keep it equal to the applier's field manager
 * @param normalizer how desired objects are brought into the form the server stores
 * @param redactionRules which environment variable values are hidden like Secret values, in diffs here
 *     and, through the {@link Redactor}, in every message of a sync
 */
public record DiffOptions(List<IgnoreRule> ignoreRules, String ownFieldManager, Normalizer normalizer,
        RedactionRules redactionRules) {

    /** The field manager under which GitOps Sync applies (the same as the apply package's default). */
    public static final String DEFAULT_FIELD_MANAGER = "gitops-sync";

    public DiffOptions {
        ignoreRules = List.copyOf(ignoreRules);
        Objects.requireNonNull(normalizer, "normalizer");
        Objects.requireNonNull(redactionRules, "redactionRules");
    }

    /** Options with the {@linkplain RedactionRules#defaults() default redaction rules}. */
    public DiffOptions(List<IgnoreRule> ignoreRules, String ownFieldManager, Normalizer normalizer) {
        this(ignoreRules, ownFieldManager, normalizer, RedactionRules.defaults());
    }

    /** No ignore rules, our default field manager, the standard normaliser, the default redaction rules. */
    public static DiffOptions defaults() {
        return new DiffOptions(List.of(), DEFAULT_FIELD_MANAGER, Normalizer.standard(), RedactionRules.defaults());
    }

    public DiffOptions withIgnoreRules(List<IgnoreRule> rules) {
        return new DiffOptions(rules, ownFieldManager, normalizer, redactionRules);
    }

    public DiffOptions withOwnFieldManager(String fieldManager) {
        return new DiffOptions(ignoreRules, fieldManager, normalizer, redactionRules);
    }

    public DiffOptions withNormalizer(Normalizer newNormalizer) {
        return new DiffOptions(ignoreRules, ownFieldManager, newNormalizer, redactionRules);
    }

    public DiffOptions withRedactionRules(RedactionRules rules) {
        return new DiffOptions(ignoreRules, ownFieldManager, normalizer, rules);
    }
}
