package io.jenkins.plugins.gitops.engine.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one object's annotations ask of a sync, in this project's spelling ({@code gitops-sync.jenkins.io/*})
 * and in Flux's and Argo CD's, so that repositories written for them work unchanged. This project's own
 * annotation wins when both are present.
 *
 * <table>
 *   <caption>annotations read</caption>
 *   <tr><th>annotation</th><th>value</th><th>effect</th></tr>
 *   <tr><td>{@value #SSA}, {@value #FLUX_SSA}</td><td>{@code Override} (default), {@code Merge},
 *       {@code IfNotPresent}, {@code Ignore}</td><td>see {@link ApplyMode}</td></tr>
 *   <tr><td>{@value #FORCE}, {@value #FLUX_FORCE}</td><td>{@code enabled}</td><td>delete and recreate the object
 *       when a field the API server keeps immutable changed</td></tr>
 *   <tr><td>{@value #ARGO_SYNC_OPTIONS}</td><td>{@code Replace=true}, {@code Force=true}</td><td>the same</td></tr>
 *   <tr><td>{@value #PREVIOUS_OWNER}</td><td>an environment's identity</td><td>take the object over from that
 *       environment</td></tr>
 * </table>
 *
 * <p>Flux matches its values without regard to case, in labels as well as annotations; so does this class.
 */
public final class ObjectSyncOptions {

    public static final String SSA = "gitops-sync.jenkins.io/ssa";
    public static final String FLUX_SSA = "kustomize.toolkit.fluxcd.io/ssa";
    public static final String FORCE = "gitops-sync.jenkins.io/force";
    public static final String FLUX_FORCE = "kustomize.toolkit.fluxcd.io/force";
    public static final String ARGO_SYNC_OPTIONS = "argocd.argoproj.io/sync-options";
    public static final String PREVIOUS_OWNER = "gitops-sync.jenkins.io/previous-owner";

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

    private final ApplyMode applyMode;
    private final String applyModeSource;
    private final boolean recreateOnImmutableChange;
    private final String recreateSource;
    private final String previousOwner;

    private ObjectSyncOptions(ApplyMode applyMode, String applyModeSource, boolean recreate, String recreateSource,
            String previousOwner) {
        this.applyMode = applyMode;
        this.applyModeSource = applyModeSource;
        this.recreateOnImmutableChange = recreate;
        this.recreateSource = recreateSource;
        this.previousOwner = previousOwner;
    }

    /**
     * The options of an object, from its manifest (or its live version).
     *
     * @throws IllegalArgumentException naming the annotation and its value when the value is not understood
     */
    public static ObjectSyncOptions of(JsonNode object) {
        JsonNode metadata = object.path("metadata");
        String modeKey = present(metadata, SSA) ? SSA : present(metadata, FLUX_SSA) ? FLUX_SSA : null;
        ApplyMode mode = modeKey == null ? ApplyMode.OVERRIDE : applyModeOf(modeKey, value(metadata, modeKey));
        String forceKey = present(metadata, FORCE) ? FORCE : present(metadata, FLUX_FORCE) ? FLUX_FORCE : null;
        boolean recreate;
        String recreateSource;
        if (forceKey != null) {
            recreate = switchValue(forceKey, value(metadata, forceKey));
            recreateSource = forceKey + ": " + value(metadata, forceKey);
        } else {
            List<String> argoOptions = Arrays.stream(value(metadata, ARGO_SYNC_OPTIONS).split(","))
                    .map(String::trim).toList();
            recreate = argoOptions.contains("Replace=true") || argoOptions.contains("Force=true");
            recreateSource = recreate ? ARGO_SYNC_OPTIONS + ": " + value(metadata, ARGO_SYNC_OPTIONS) : "";
        }
        String previous = metadata.path("annotations").path(PREVIOUS_OWNER).asText("").trim();
        return new ObjectSyncOptions(mode, modeKey == null ? "" : modeKey + ": " + value(metadata, modeKey), recreate,
                recreateSource, previous.isEmpty() ? null : previous);
    }

    /** The options of an object whose annotations could not be read: the defaults. */
    public static ObjectSyncOptions defaults() {
        return new ObjectSyncOptions(ApplyMode.OVERRIDE, "", false, "", null);
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

    /** The environment Git hands this object over from, when it says so. */
    public Optional<String> previousOwner() {
        return Optional.ofNullable(previousOwner);
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
        String annotation = metadata.path("annotations").path(key).asText("");
        return annotation.isEmpty() ? metadata.path("labels").path(key).asText("") : annotation;
    }
}
