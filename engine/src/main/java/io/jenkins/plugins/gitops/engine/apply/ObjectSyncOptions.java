package io.jenkins.plugins.gitops.engine.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one object's annotations ask of a sync, in this project's spelling ({@code gitops-sync.jenkins.io/*})
 * and in Flux's, Argo CD's and Helm's, so that repositories written for them work unchanged. This project's own
 * annotation wins when both are present. {@code docs/annotations.md} lists every annotation and how it is honoured.
 *
 * <table>
 *   <caption>annotations read</caption>
 *   <tr><th>annotation</th><th>value</th><th>effect</th></tr>
 *   <tr><td>{@value #SSA}, {@value #FLUX_SSA}</td><td>{@code Override} (default), {@code Merge},
 *       {@code IfNotPresent}, {@code Ignore}</td><td>see {@link ApplyMode}</td></tr>
 *   <tr><td>{@value #FLUX_RECONCILE}</td><td>{@code disabled}</td><td>as {@code ssa: Ignore}</td></tr>
 *   <tr><td>{@value #FORCE}, {@value #FLUX_FORCE}</td><td>{@code enabled}</td><td>delete and recreate the object
 *       when a field the API server keeps immutable changed</td></tr>
 *   <tr><td>{@value #PRUNE}, {@value #FLUX_PRUNE}, {@value #HELM_RESOURCE_POLICY}</td><td>{@code disabled} /
 *       {@code "false"}, {@code keep}</td><td>never pruned</td></tr>
 *   <tr><td>{@value #PRUNE_LAST}</td><td>{@code "true"}</td><td>pruned after everything else is applied and
 *       healthy</td></tr>
 *   <tr><td>{@value #IGNORE_EXTRANEOUS}</td><td>{@code "true"}</td><td>kept while no longer in Git without making
 *       the environment out of sync</td></tr>
 *   <tr><td>{@value #ARGO_SYNC_OPTIONS}</td><td>{@code Replace=true}, {@code Force=true}, {@code Prune=false},
 *       {@code Prune=confirm}, {@code PruneLast=true}, {@code SkipDryRunOnMissingResource=true}, …</td><td>the
 *       same, read by Argo CD's rules ({@link ArgoOptionList})</td></tr>
 *   <tr><td>{@value #ARGO_COMPARE_OPTIONS}</td><td>{@code IgnoreExtraneous}</td><td>the same</td></tr>
 *   <tr><td>{@value #PREVIOUS_OWNER}</td><td>an environment's identity</td><td>take the object over from that
 *       environment</td></tr>
 * </table>
 *
 * <p>Flux matches its values without regard to case, in labels as well as annotations; so does this class for
 * Flux's keys and this project's. Argo CD's option lists are exact and case-sensitive, as Argo CD reads them.
 */
public final class ObjectSyncOptions {

    public static final String SSA = "gitops-sync.jenkins.io/ssa";
    public static final String FLUX_SSA = "kustomize.toolkit.fluxcd.io/ssa";
    public static final String FLUX_RECONCILE = "kustomize.toolkit.fluxcd.io/reconcile";
    public static final String FORCE = "gitops-sync.jenkins.io/force";
    public static final String FLUX_FORCE = "kustomize.toolkit.fluxcd.io/force";
    public static final String PRUNE = "gitops-sync.jenkins.io/prune";
    public static final String FLUX_PRUNE = "kustomize.toolkit.fluxcd.io/prune";
    public static final String HELM_RESOURCE_POLICY = "helm.sh/resource-policy";
    public static final String PRUNE_LAST = "gitops-sync.jenkins.io/prune-last";
    public static final String IGNORE_EXTRANEOUS = "gitops-sync.jenkins.io/ignore-extraneous";
    public static final String ARGO_SYNC_OPTIONS = "argocd.argoproj.io/sync-options";
    public static final String ARGO_COMPARE_OPTIONS = "argocd.argoproj.io/compare-options";
    public static final String PREVIOUS_OWNER = "gitops-sync.jenkins.io/previous-owner";

    private static final List<String> BOOLEAN = List.of("true", "false");

    /** Argo CD's sync options (gitops-engine {@code pkg/sync/common/types.go}, argo-cd {@code controller/sync.go}). */
    private static final Map<String, List<String>> ARGO_SYNC_OPTION_VALUES = argoSyncOptionValues();

    /**
     * Options Argo CD reads only on the Application; on an object it ignores them. They are said to be ignored,
     * with what to use instead, since whoever wrote them on an object expected something.
     */
    private static final Map<String, String> APPLICATION_ONLY = Map.of(
            "CreateNamespace", "create the Namespace in Git, or beforehand",
            "PrunePropagationPolicy", "use the environment's deletion propagation setting",
            "RespectIgnoreDifferences", "ignore rules always apply to syncs as well as to diffs here",
            "FailOnSharedResource", "an object another environment owns always fails the sync here",
            "ClientSideApplyMigration", "fields kubectl's client-side apply set are always handed over here");

    private static final Map<String, List<String>> ARGO_COMPARE_OPTION_VALUES = Map.of(
            "ServerSideDiff", BOOLEAN, "IncludeMutationWebhook", BOOLEAN);

    /** How a sync treats fields other field managers changed, per object. */
    public enum ApplyMode {
        /** Git wins: declared fields are taken back from other managers; client-side apply's fields are handed over. */
        OVERRIDE,
        /** Declared fields are applied, but fields client-side apply set are left with it (Flux's {@code Merge}). */
        MERGE,
        /** Created when missing, never changed once it exists. */
        IF_NOT_PRESENT,
        /** Never applied and never pruned: another tool owns the object. */
        IGNORE
    }

    /** What pruning may do to the object once Git no longer declares it. */
    public enum PruneRule {
        /** Delete it, when the environment prunes. */
        PRUNE,
        /** Never delete it. */
        KEEP,
        /**
         * Argo CD's {@code Prune=confirm}: delete it only once a person confirms. There is no such confirmation here,
         * so the object is kept and the report says how to remove it.
         */
        CONFIRM
    }

    private final ApplyMode applyMode;
    private final String applyModeSource;
    private final boolean recreateOnImmutableChange;
    private final String recreateSource;
    private final PruneRule pruneRule;
    private final String pruneSource;
    private final boolean pruneLast;
    private final boolean ignoreExtraneous;
    private final String ignoreExtraneousSource;
    private final boolean skipDryRunOnMissingResource;
    private final String previousOwner;
    private final List<String> warnings;

    private ObjectSyncOptions(Builder b) {
        this.applyMode = b.applyMode;
        this.applyModeSource = b.applyModeSource;
        this.recreateOnImmutableChange = b.recreate;
        this.recreateSource = b.recreateSource;
        this.pruneRule = b.pruneRule;
        this.pruneSource = b.pruneSource;
        this.pruneLast = b.pruneLast;
        this.ignoreExtraneous = b.ignoreExtraneous;
        this.ignoreExtraneousSource = b.ignoreExtraneousSource;
        this.skipDryRunOnMissingResource = b.skipDryRunOnMissingResource;
        this.previousOwner = b.previousOwner;
        this.warnings = List.copyOf(b.warnings);
    }

    /**
     * The options of an object, from its manifest (or its live version).
     *
     * @throws IllegalArgumentException naming the annotation and its value when the value is not understood
     */
    public static ObjectSyncOptions of(JsonNode object) {
        JsonNode metadata = object.path("metadata");
        Builder b = new Builder();
        ArgoOptionList argo = ArgoOptionList.parse(ARGO_SYNC_OPTIONS, annotation(metadata, ARGO_SYNC_OPTIONS),
                ARGO_SYNC_OPTION_VALUES, Set.of());
        ArgoOptionList compare = ArgoOptionList.parse(ARGO_COMPARE_OPTIONS, annotation(metadata, ARGO_COMPARE_OPTIONS),
                ARGO_COMPARE_OPTION_VALUES, Set.of("IgnoreExtraneous"));

        if (present(metadata, SSA)) {
            b.applyMode(applyModeOf(SSA, value(metadata, SSA)), SSA, value(metadata, SSA));
        } else if (present(metadata, FLUX_RECONCILE) && !switchValue(FLUX_RECONCILE, value(metadata, FLUX_RECONCILE))) {
            b.applyMode(ApplyMode.IGNORE, FLUX_RECONCILE, value(metadata, FLUX_RECONCILE));
        } else if (present(metadata, FLUX_SSA)) {
            b.applyMode(applyModeOf(FLUX_SSA, value(metadata, FLUX_SSA)), FLUX_SSA, value(metadata, FLUX_SSA));
        }

        String forceKey = present(metadata, FORCE) ? FORCE : present(metadata, FLUX_FORCE) ? FLUX_FORCE : null;
        if (forceKey != null) {
            b.recreate = switchValue(forceKey, value(metadata, forceKey));
            b.recreateSource = forceKey + ": " + value(metadata, forceKey);
        } else if (argo.has("Replace", "true") || argo.has("Force", "true")) {
            b.recreate = true;
            b.recreateSource = ARGO_SYNC_OPTIONS + ": " + annotation(metadata, ARGO_SYNC_OPTIONS);
        }

        decidePrune(metadata, argo, b);
        b.pruneLast = present(metadata, PRUNE_LAST) ? switchValue(PRUNE_LAST, value(metadata, PRUNE_LAST))
                : argo.has("PruneLast", "true");
        if (present(metadata, IGNORE_EXTRANEOUS)) {
            b.ignoreExtraneous = switchValue(IGNORE_EXTRANEOUS, value(metadata, IGNORE_EXTRANEOUS));
            b.ignoreExtraneousSource = IGNORE_EXTRANEOUS + ": " + value(metadata, IGNORE_EXTRANEOUS);
        } else if (compare.hasFlag("IgnoreExtraneous")) {
            b.ignoreExtraneous = true;
            b.ignoreExtraneousSource = ARGO_COMPARE_OPTIONS + ": " + annotation(metadata, ARGO_COMPARE_OPTIONS);
        }
        b.skipDryRunOnMissingResource = argo.has("SkipDryRunOnMissingResource", "true");

        for (String item : argo.unknown()) {
            b.warnings.add(ARGO_SYNC_OPTIONS + ": \"" + item + "\" is not an Argo CD sync option" + argo.hintFor(item)
                    + "; ignored, as Argo CD ignores it");
        }
        for (String item : compare.unknown()) {
            b.warnings.add(ARGO_COMPARE_OPTIONS + ": \"" + item + "\" is not an Argo CD compare option"
                    + compare.hintFor(item) + "; ignored, as Argo CD ignores it");
        }
        APPLICATION_ONLY.forEach((key, instead) -> {
            if (argo.sets(key)) {
                b.warnings.add(ARGO_SYNC_OPTIONS + ": " + key + " is an option of an Argo CD Application, not of an"
                        + " object; ignored (" + instead + ")");
            }
        });
        if (argo.has("ServerSideApply", "false")) {
            b.warnings.add(ARGO_SYNC_OPTIONS + ": ServerSideApply=false is ignored: this engine always applies"
                    + " server-side");
        }
        String previous = metadata.path("annotations").path(PREVIOUS_OWNER).asText("").trim();
        b.previousOwner = previous.isEmpty() ? null : previous;
        return new ObjectSyncOptions(b);
    }

    /**
     * Who may keep the object from being pruned, in order: never applied (ssa Ignore, reconcile disabled), this
     * project's prune annotation (which can also allow pruning), Flux's, Helm's resource policy, Argo CD's.
     */
    private static void decidePrune(JsonNode metadata, ArgoOptionList argo, Builder b) {
        if (b.applyMode == ApplyMode.IGNORE) {
            b.prune(PruneRule.KEEP, b.applyModeSource);
        } else if (present(metadata, PRUNE)) {
            boolean prune = switchValue(PRUNE, value(metadata, PRUNE));
            b.prune(prune ? PruneRule.PRUNE : PruneRule.KEEP, PRUNE + ": " + value(metadata, PRUNE));
        } else if (present(metadata, FLUX_PRUNE) && !switchValue(FLUX_PRUNE, value(metadata, FLUX_PRUNE))) {
            b.prune(PruneRule.KEEP, FLUX_PRUNE + ": " + value(metadata, FLUX_PRUNE));
        } else if ("keep".equalsIgnoreCase(annotation(metadata, HELM_RESOURCE_POLICY).trim())) {
            b.prune(PruneRule.KEEP, HELM_RESOURCE_POLICY + ": " + annotation(metadata, HELM_RESOURCE_POLICY));
        } else if (argo.has("Prune", "false")) {
            b.prune(PruneRule.KEEP, ARGO_SYNC_OPTIONS + ": " + annotation(metadata, ARGO_SYNC_OPTIONS));
        } else if (argo.has("Prune", "confirm")) {
            b.prune(PruneRule.CONFIRM, ARGO_SYNC_OPTIONS + ": " + annotation(metadata, ARGO_SYNC_OPTIONS));
        }
    }

    /** The options of an object whose annotations could not be read: the defaults. */
    public static ObjectSyncOptions defaults() {
        return new ObjectSyncOptions(new Builder());
    }

    public ApplyMode applyMode() {
        return applyMode;
    }

    /** The annotation that set the apply mode, as {@code key: value}; empty for the default. */
    public String applyModeSource() {
        return applyModeSource;
    }

    /** Whether a change of an immutable field deletes and recreates the object. */
    public boolean recreateOnImmutableChange() {
        return recreateOnImmutableChange;
    }

    /** The annotation that allows recreating, as {@code key: value}; empty when none does. */
    public String recreateSource() {
        return recreateSource;
    }

    public PruneRule pruneRule() {
        return pruneRule;
    }

    /** The annotation that decided {@link #pruneRule()}, as {@code key: value}; empty for the default. */
    public String pruneSource() {
        return pruneSource;
    }

    /** Whether the object is pruned only after every other object is applied (and healthy, when the sync waits). */
    public boolean pruneLast() {
        return pruneLast;
    }

    /** Whether the object, once no longer in Git, leaves the environment's sync status alone (Argo CD's IgnoreExtraneous). */
    public boolean ignoreExtraneous() {
        return ignoreExtraneous;
    }

    /** The annotation that set {@link #ignoreExtraneous()}, as {@code key: value}; empty for the default. */
    public String ignoreExtraneousSource() {
        return ignoreExtraneousSource;
    }

    /** Whether a preview passes over the object when the cluster does not serve its kind yet. */
    public boolean skipDryRunOnMissingResource() {
        return skipDryRunOnMissingResource;
    }

    /** The environment Git hands this object over from, when it says so. */
    public Optional<String> previousOwner() {
        return Optional.ofNullable(previousOwner);
    }

    /** Options that were written but are not honoured here, each a sentence naming the annotation. */
    public List<String> warnings() {
        return warnings;
    }

    private static ApplyMode applyModeOf(String key, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "override" -> ApplyMode.OVERRIDE;
            case "merge" -> ApplyMode.MERGE;
            case "ifnotpresent" -> ApplyMode.IF_NOT_PRESENT;
            case "ignore" -> ApplyMode.IGNORE;
            default -> throw new IllegalArgumentException("annotation " + key + ": \"" + value + "\" is not one of"
                    + " Override, Merge, IfNotPresent, Ignore; fix it in Git");
        };
    }

    private static boolean switchValue(String key, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "enabled", "true" -> true;
            case "disabled", "false" -> false;
            default -> throw new IllegalArgumentException("annotation " + key + ": \"" + value + "\" is not one of"
                    + " enabled, disabled; fix it in Git");
        };
    }

    private static boolean present(JsonNode metadata, String key) {
        return !value(metadata, key).isEmpty();
    }

    /** The annotation's value, or the label's as Flux also reads labels; empty when neither is set. */
    private static String value(JsonNode metadata, String key) {
        String annotation = annotation(metadata, key);
        return annotation.isEmpty() ? metadata.path("labels").path(key).asText("") : annotation;
    }

    /** The annotation's value only, as Argo CD and Helm read them; empty when it is not set. */
    private static String annotation(JsonNode metadata, String key) {
        return metadata.path("annotations").path(key).asText("");
    }

    private static Map<String, List<String>> argoSyncOptionValues() {
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("Prune", List.of("false", "confirm", "true"));
        values.put("Delete", List.of("false", "confirm", "true"));
        for (String key : List.of("PruneLast", "Replace", "Force", "ServerSideApply", "Validate",
                "SkipDryRunOnMissingResource", "ApplyOutOfSyncOnly", "ServerSideDiff", "CreateNamespace",
                "RespectIgnoreDifferences", "FailOnSharedResource", "ClientSideApplyMigration")) {
            values.put(key, BOOLEAN);
        }
        values.put("PrunePropagationPolicy", List.of("foreground", "background", "orphan"));
        return Map.copyOf(values);
    }

    /** The options as they are decided, field by field, before they become one immutable value. */
    private static final class Builder {
        private ApplyMode applyMode = ApplyMode.OVERRIDE;
        private String applyModeSource = "";
        private boolean recreate;
        private String recreateSource = "";
        private PruneRule pruneRule = PruneRule.PRUNE;
        private String pruneSource = "";
        private boolean pruneLast;
        private boolean ignoreExtraneous;
        private String ignoreExtraneousSource = "";
        private boolean skipDryRunOnMissingResource;
        private String previousOwner;
        private final List<String> warnings = new ArrayList<>();

        void applyMode(ApplyMode mode, String key, String value) {
            applyMode = mode;
            applyModeSource = key + ": " + value;
        }

        void prune(PruneRule rule, String source) {
            pruneRule = rule;
            pruneSource = source;
        }
    }
}
