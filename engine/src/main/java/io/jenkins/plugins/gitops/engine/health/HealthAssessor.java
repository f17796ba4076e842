package io.jenkins.plugins.gitops.engine.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Assesses the health of live objects: the one entry point of this package, as
 * {@code GetResourceHealth} is gitops-engine's.
 *
 * <p>In order: an absent object is {@link HealthStatus#MISSING}; an object being deleted is
 * {@link HealthStatus#PROGRESSING}; then a caller's {@link HealthOverride} for the object's group and
 * kind decides, if it wants to; then the built-in check of that group and kind (Deployment,
 * StatefulSet, DaemonSet, ReplicaSet, Pod, Job, CronJob, PersistentVolumeClaim, Service, Ingress,
 * CustomResourceDefinition, APIService); every other kind is read from its {@code status.conditions}
 * (see {@link GenericHealth}). The API version does not matter, only group and kind.
 *
 * <p>Instances are immutable and thread-safe; {@link #withOverride} returns a new one.
 */
public final class HealthAssessor {

    private static final Logger LOGGER = Logger.getLogger(HealthAssessor.class.getName());

    /** The built-in checks; all stateless, so one instance each serves every assessor. */
    private static final Map<GroupKind, HealthCheck> BUILT_IN = Map.ofEntries(
            Map.entry(new GroupKind("apps", "Deployment"), new DeploymentHealth()),
            Map.entry(new GroupKind("apps", "StatefulSet"), new StatefulSetHealth()),
            Map.entry(new GroupKind("apps", "DaemonSet"), new DaemonSetHealth()),
            Map.entry(new GroupKind("apps", "ReplicaSet"), new ReplicaSetHealth()),
            Map.entry(new GroupKind("", "Pod"), new PodHealth()),
            Map.entry(new GroupKind("batch", "Job"), new JobHealth()),
            Map.entry(new GroupKind("batch", "CronJob"), new CronJobHealth()),
            Map.entry(new GroupKind("", "PersistentVolumeClaim"), new PersistentVolumeClaimHealth()),
            Map.entry(new GroupKind("", "Service"), new ServiceHealth()),
            Map.entry(new GroupKind("networking.k8s.io", "Ingress"), new IngressHealth()),
            Map.entry(new GroupKind("extensions", "Ingress"), new IngressHealth()),
            Map.entry(new GroupKind("apiextensions.k8s.io", "CustomResourceDefinition"),
                    new CustomResourceDefinitionHealth()),
            Map.entry(new GroupKind("apiregistration.k8s.io", "APIService"), new APIServiceHealth()));

    private static final HealthCheck GENERIC = new GenericHealth();

    private final Map<GroupKind, HealthOverride> overrides;

    /** An assessor with the built-in checks only. */
    public HealthAssessor() {
        this(Map.of());
    }

    private HealthAssessor(Map<GroupKind, HealthOverride> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    /**
     * A copy of this assessor in which {@code override} is asked first about objects of the given group
     * and kind, replacing any override registered for them before.
     *
     * @param group the API group, empty for the core group ({@code v1})
     * @param kind the kind, as in manifests ({@code Rollout})
     */
    public HealthAssessor withOverride(String group, String kind, HealthOverride override) {
        Map<GroupKind, HealthOverride> copy = new HashMap<>(overrides);
        copy.put(new GroupKind(group, kind), Objects.requireNonNull(override, "override"));
        return new HealthAssessor(copy);
    }

    /**
     * The health of a live object.
     *
     * @param liveObject the object as the API server returns it, or {@code null} when it does not exist
     * @return its health; {@link HealthStatus#UNKNOWN} with the reason when a check or override failed
     */
    public Health assess(ObjectNode liveObject) {
        if (liveObject == null) {
            return Health.missing();
        }
        JsonNode metadata = liveObject.path("metadata");
        if (!JsonFields.text(metadata.path("deletionTimestamp")).isEmpty()) {
            return deleting(metadata);
        }
        GroupKind groupKind = GroupKind.of(liveObject);
        HealthOverride override = overrides.get(groupKind);
        if (override != null) {
            Optional<Health> overridden = runOverride(override, groupKind, liveObject);
            if (overridden.isPresent()) {
                return overridden.get();
            }
        }
        HealthCheck check = BUILT_IN.getOrDefault(groupKind, GENERIC);
        try {
            return check.check(liveObject);
        } catch (RuntimeException e) {
            LOGGER.log(Level.FINE, e, () -> "Health check of " + groupKind + " failed");
            return Health.unknown("Cannot assess health: " + describe(e));
        }
    }

    /** The built-in checks by group and kind, for tests that hold every check to the same contract. */
    static Map<GroupKind, HealthCheck> builtInChecks() {
        return BUILT_IN;
    }

    private static Optional<Health> runOverride(HealthOverride override, GroupKind groupKind, ObjectNode liveObject) {
        try {
            // The override gets a copy: it is caller code and must not change what the engine holds.
            Optional<Health> health = override.assess(liveObject.deepCopy());
            return health == null ? Optional.empty() : health;
        } catch (RuntimeException e) {
            LOGGER.log(Level.FINE, e, () -> "Health override for " + groupKind + " failed");
            return Optional.of(Health.unknown("Health override for " + groupKind + " failed: " + describe(e)
                    + "; fix the override"));
        }
    }

    private static String describe(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Objects with finalizers stay until their controllers remove them: say which ones are waited for. */
    private static Health deleting(JsonNode metadata) {
        List<String> finalizers = new ArrayList<>();
        metadata.path("finalizers").forEach(finalizer -> finalizers.add(JsonFields.text(finalizer)));
        return Health.progressing(finalizers.isEmpty()
                ? "Being deleted"
                : "Being deleted; waiting for finalizers: " + String.join(", ", finalizers));
    }
}
