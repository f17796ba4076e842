package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Turns a desired object from Git into the form in which the API server would store it, one small
 * {@link NormalizationRule} after the other. Normalisation only ever rewrites the desired side: the
 * live object is what the server said and is taken as it is.
 *
 * <p>What normalisation cannot express as a rewrite (a quantity {@code 500m} equals {@code 0.5}, an
 * empty value the server omitted) is decided while comparing, see {@link DriftDetector}.
 */
public final class Normalizer {

    private final List<NormalizationRule> rules;

    private Normalizer(List<NormalizationRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * The rules every comparison needs, in this order:
     * <ol>
     *   <li>{@code drop-server-set-fields}: {@code status} and the metadata only the server writes
     *       (uid, resourceVersion, generation, creationTimestamp, managedFields, selfLink, deletion
     *       fields) are never compared;</li>
     *   <li>{@code drop-null-values}: a field set to {@code null} declares nothing (server-side apply
     *       treats it as unset), such as {@code creationTimestamp: null} in generated manifests;</li>
     *   <li>{@code secret-string-data-as-data}: a Secret's {@code stringData} becomes base64
     *       {@code data}, as the server stores it (it never returns stringData);</li>
     *   <li>{@code integral-numbers-as-integers}: {@code 1.0} becomes {@code 1}, as JSON from the server
     *       spells it.</li>
     * </ol>
     */
    public static Normalizer standard() {
        return new Normalizer(List.of(
                new DropServerSetFields(),
                new DropNullValues(),
                new SecretStringDataAsData(),
                new IntegralNumbersAsIntegers()));
    }

    /** A normaliser with exactly these rules, applied in the given order. */
    public static Normalizer of(List<NormalizationRule> rules) {
        return new Normalizer(rules);
    }

    /** A normalised copy of {@code desired}; the argument is left unchanged. */
    public ObjectNode normalize(ObjectNode desired) {
        ObjectNode copy = desired.deepCopy();
        for (NormalizationRule rule : rules) {
            rule.apply(copy);
        }
        return copy;
    }

    public List<String> ruleNames() {
        return rules.stream().map(NormalizationRule::name).toList();
    }

    @Override
    public String toString() {
        return "Normalizer" + ruleNames();
    }
}
