package io.jenkins.plugins.gitops.engine.apply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The order in which objects are applied, as data rather than scattered ifs.
 *
 * <ol>
 *   <li><b>Definitions</b>: Namespaces and CustomResourceDefinitions, before anything else and whatever
 *       their wave, because nothing can be created in a namespace or of a kind that does not exist yet.</li>
 *   <li><b>Waves</b>: the annotation {@value #SYNC_WAVE_ANNOTATION} ({@code "<int>"}, default 0) groups the
 *       remaining objects; lower waves first, and each wave must be healthy before the next starts.</li>
 *   <li>Within a wave, by kind (cluster RBAC and ServiceAccounts before the workloads that use them, as
 *       Argo CD's kind order and Flux's staged apply do), then namespace and name.</li>
 * </ol>
 * Pruning uses the reverse of this order.
 */
public final class ApplyOrder {

    public static final String SYNC_WAVE_ANNOTATION = "gitops-sync.jenkins.io/sync-wave";
    /** Argo CD's, read when this project's is absent, so that repositories written for Argo CD order the same. */
    public static final String ARGO_SYNC_WAVE_ANNOTATION = "argocd.argoproj.io/sync-wave";

    static final Set<String> DEFINITION_KINDS = Set.of("Namespace", "CustomResourceDefinition");

    /** Kinds that must exist before others can work; unknown kinds (custom resources) come after all of them. */
    static final List<String> KIND_ORDER = List.of(
            "Namespace", "CustomResourceDefinition",
            "ClusterRole", "ClusterRoleBinding", "ServiceAccount", "Role", "RoleBinding",
            "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy", "PodDisruptionBudget",
            "Secret", "ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim",
            "PriorityClass", "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
            "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
            "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");

    private static final Map<String, Integer> KIND_RANK = IntStream.range(0, KIND_ORDER.size()).boxed()
            .collect(Collectors.toUnmodifiableMap(KIND_ORDER::get, Function.identity()));

    /** Within one step: by kind rank, then namespace, then name. */
    public static final Comparator<ResolvedObject> WITHIN_STEP = Comparator
            .comparingInt((ResolvedObject o) -> KIND_RANK.getOrDefault(o.ref().kind(), KIND_ORDER.size()))
            .thenComparing(o -> o.ref().kind())
            .thenComparing(ResolvedObject::ref);

    private ApplyOrder() {
    }

    /**
     * Splits objects into the steps to apply one after another: definitions first (if any), then one step
     * per wave.
     *
     * @throws IllegalArgumentException naming the object and its file when a wave annotation is not an integer
     */
    public static List<Step> plan(List<ResolvedObject> objects) {
        List<ResolvedObject> definitions = new ArrayList<>();
        TreeMap<Integer, List<ResolvedObject>> waves = new TreeMap<>();
        for (ResolvedObject object : objects) {
            if (DEFINITION_KINDS.contains(object.ref().kind()) && object.ref().group().matches("|apiextensions\\.k8s\\.io")) {
                definitions.add(object);
            } else {
                waves.computeIfAbsent(waveOf(object), wave -> new ArrayList<>()).add(object);
            }
        }
        List<Step> steps = new ArrayList<>();
        if (!definitions.isEmpty()) {
            definitions.sort(WITHIN_STEP);
            steps.add(new Step(Step.Kind.DEFINITIONS, 0, List.copyOf(definitions)));
        }
        waves.forEach((wave, members) -> {
            members.sort(WITHIN_STEP);
            steps.add(new Step(Step.Kind.WAVE, wave, List.copyOf(members)));
        });
        return steps;
    }

    /** The wave of an object: this project's annotation, else Argo CD's, else 0. */
    public static int waveOf(ResolvedObject object) {
        String key = SYNC_WAVE_ANNOTATION;
        String wave = object.annotation(key);
        if (wave == null || wave.isBlank()) {
            key = ARGO_SYNC_WAVE_ANNOTATION;
            wave = object.annotation(key);
        }
        if (wave == null || wave.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(wave.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(object.source().origin() + ": " + object.ref() + " has annotation "
                    + key + ": \"" + wave + "\", which is not an integer; use a whole number such as \"-1\" or \"2\"", e);
        }
    }

    /** Prune order: the reverse of apply order (higher waves and dependent kinds first). */
    public static Comparator<ResolvedObject> pruneOrder() {
        return Comparator.comparingInt(ApplyOrder::waveOf).thenComparing(WITHIN_STEP).reversed();
    }

    /** Kind rank for objects known only by kind (live objects to prune). */
    public static int kindRank(String kind) {
        return KIND_RANK.getOrDefault(kind, KIND_ORDER.size());
    }

    /** One step of a sync: a set of objects applied together, then waited for. */
    public record Step(Kind kind, int wave, List<ResolvedObject> objects) {
        public enum Kind { DEFINITIONS, WAVE }

        @Override
        public String toString() {
            return kind == Kind.DEFINITIONS ? "namespaces and custom resource definitions" : "wave " + wave;
        }
    }
}
