package io.jenkins.plugins.gitops.engine.hook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tells hooks from ordinary objects, as Argo CD does (gitops-engine's {@code hook}, {@code hook/helm} and
 * {@code syncwaves} packages), and reads what each hook asks for.
 *
 * <table>
 *   <caption>annotations read</caption>
 *   <tr><th>annotation</th><th>values</th></tr>
 *   <tr><td>{@value #HOOK} (wins), {@value #ARGO_HOOK}</td><td>comma-separated {@code PreSync}, {@code Sync},
 *       {@code PostSync}, {@code SyncFail}, {@code Skip}; {@code PreDelete} and {@code PostDelete} are
 *       recognised and not run</td></tr>
 *   <tr><td>{@value #HELM_HOOK}, read only when neither of the above is set</td><td>{@code pre-install} and
 *       {@code pre-upgrade} run at PreSync, {@code post-install} and {@code post-upgrade} at PostSync; the delete,
 *       rollback and test hooks are not run; {@code crd-install} alone is an ordinary object</td></tr>
 *   <tr><td>{@value #HOOK_DELETE_POLICY} (wins), {@value #ARGO_HOOK_DELETE_POLICY}, united with
 *       {@value #HELM_HOOK_DELETE_POLICY}</td><td>{@code BeforeHookCreation} (the default), {@code HookSucceeded},
 *       {@code HookFailed}; Helm's {@code before-hook-creation}, {@code hook-succeeded}, {@code hook-failed}</td></tr>
 *   <tr><td>the sync-wave annotations, then {@value #HELM_HOOK_WEIGHT}</td><td>the wave, an integer</td></tr>
 * </table>
 *
 * <p>Unlike Argo CD, which drops values it does not know without a word, an unknown value here is an error that
 * names the file and the annotation: a typo in {@code PreSnyc} would otherwise apply a migration Job as an ordinary
 * object, at the wrong time.
 */
public final class HookAnnotations {

    public static final String HOOK = "gitops-sync.jenkins.io/hook";
    public static final String HOOK_DELETE_POLICY = "gitops-sync.jenkins.io/hook-delete-policy";
    public static final String ARGO_HOOK = "argocd.argoproj.io/hook";
    public static final String ARGO_HOOK_DELETE_POLICY = "argocd.argoproj.io/hook-delete-policy";
    public static final String HELM_HOOK = "helm.sh/hook";
    public static final String HELM_HOOK_WEIGHT = "helm.sh/hook-weight";
    public static final String HELM_HOOK_DELETE_POLICY = "helm.sh/hook-delete-policy";
    /** The wave annotations, in the order they are read (the same as for ordinary objects). */
    static final List<String> WAVE_ANNOTATIONS = List.of("gitops-sync.jenkins.io/sync-wave",
            "argocd.argoproj.io/sync-wave");

    private static final Map<String, HookPhase> PHASES = Map.of(
            "PreSync", HookPhase.PRE_SYNC, "Sync", HookPhase.SYNC, "PostSync", HookPhase.POST_SYNC,
            "SyncFail", HookPhase.SYNC_FAIL);
    private static final Set<String> DELETE_HOOKS = Set.of("PreDelete", "PostDelete");
    private static final Map<String, HookPhase> HELM_PHASES = Map.of(
            "pre-install", HookPhase.PRE_SYNC, "pre-upgrade", HookPhase.PRE_SYNC,
            "post-install", HookPhase.POST_SYNC, "post-upgrade", HookPhase.POST_SYNC);
    private static final Set<String> HELM_NOT_RUN = Set.of("pre-delete", "post-delete", "pre-rollback", "post-rollback",
            "test", "test-success", "test-failure", "crd-install");
    private static final Map<String, HookDeletePolicy> DELETE_POLICIES = Map.of(
            "BeforeHookCreation", HookDeletePolicy.BEFORE_HOOK_CREATION,
            "HookSucceeded", HookDeletePolicy.HOOK_SUCCEEDED, "HookFailed", HookDeletePolicy.HOOK_FAILED);
    private static final Map<String, HookDeletePolicy> HELM_DELETE_POLICIES = Map.of(
            "before-hook-creation", HookDeletePolicy.BEFORE_HOOK_CREATION,
            "hook-succeeded", HookDeletePolicy.HOOK_SUCCEEDED, "hook-failed", HookDeletePolicy.HOOK_FAILED);

    private HookAnnotations() {
    }

    /** Whether the manifest declares itself a hook of any kind (it may then have only a generateName). */
    public static boolean declaresHook(JsonNode manifest) {
        JsonNode annotations = manifest.path("metadata").path("annotations");
        return !annotations.path(HOOK).asText("").isBlank() || !annotations.path(ARGO_HOOK).asText("").isBlank()
                || !annotations.path(HELM_HOOK).asText("").isBlank();
    }

    /**
     * Sorts rendered objects into resources and hook runs, naming the hooks that have only a {@code generateName}
     * as Argo CD does: {@code generateName + <first 7 characters of the revision>-<phase>-<unix seconds>}, the same
     * for every read of one sync, new for the next.
     *
     * @param revision the commit being synced; empty when there is none (a local folder)
     * @param startedAt when the sync started
     * @throws HookAnnotationException naming every object whose hook annotations are not understood
     */
    public static HookSplit split(List<KubeObject> rendered, String revision, Instant startedAt)
            throws HookAnnotationException {
        List<KubeObject> resources = new ArrayList<>();
        List<Hook> hooks = new ArrayList<>();
        List<String> notApplied = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (KubeObject object : rendered) {
            int before = problems.size();
            Declaration declaration = declarationOf(object, problems);
            int wave = waveOf(object, problems);
            Set<HookDeletePolicy> policies = declaration.isHook() ? deletePoliciesOf(object, problems) : Set.of();
            if (problems.size() > before) {
                continue;
            }
            if (declaration.notRunReason != null) {
                notApplied.add(object.origin() + ": " + describe(object) + " is not applied: " + declaration.notRunReason);
            } else if (!declaration.isHook()) {
                resources.add(object);
            } else {
                for (HookPhase phase : declaration.phases) {
                    hooks.add(new Hook(named(object, phase, revision, startedAt), phase, wave, policies,
                            declaration.source));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new HookAnnotationException(problems);
        }
        return new HookSplit(resources, hooks, notApplied);
    }

    /** What the hook annotations of one object say. */
    private record Declaration(Set<HookPhase> phases, String source, String notRunReason) {
        static final Declaration NONE = new Declaration(Set.of(), "", null);

        boolean isHook() {
            return !phases.isEmpty();
        }
    }

    private static Declaration declarationOf(KubeObject object, List<String> problems) {
        String key = present(object, HOOK) ? HOOK : present(object, ARGO_HOOK) ? ARGO_HOOK : null;
        if (key != null) {
            return argoDeclaration(object, key, problems);
        }
        if (present(object, HELM_HOOK)) {
            return helmDeclaration(object, problems);
        }
        return Declaration.NONE;
    }

    private static Declaration argoDeclaration(KubeObject object, String key, List<String> problems) {
        String value = annotation(object, key);
        Set<HookPhase> phases = EnumSet.noneOf(HookPhase.class);
        boolean deleteHook = false;
        for (String type : csv(value)) {
            if (PHASES.containsKey(type)) {
                phases.add(PHASES.get(type));
            } else if (DELETE_HOOKS.contains(type)) {
                deleteHook = true;
            } else if (!"Skip".equals(type)) {
                problems.add(object.origin() + ": " + describe(object) + " has annotation " + key + ": \"" + value
                        + "\"; \"" + type + "\" is not one of PreSync, Sync, PostSync, SyncFail, Skip (mind the case);"
                        + " fix it in Git");
            }
        }
        String source = key + ": " + value;
        if (!phases.isEmpty()) {
            return new Declaration(phases, source, null);
        }
        return new Declaration(Set.of(), source, deleteHook
                ? source + " runs when an Argo CD application is deleted, which a sync never does"
                : source + " says to leave it out of the sync");
    }

    private static Declaration helmDeclaration(KubeObject object, List<String> problems) {
        String value = annotation(object, HELM_HOOK);
        if ("crd-install".equals(value.trim())) {
            return Declaration.NONE; // Helm 2's CRD hook: an ordinary object, as Argo CD treats it
        }
        Set<HookPhase> phases = EnumSet.noneOf(HookPhase.class);
        List<String> notRun = new ArrayList<>();
        for (String type : csv(value)) {
            if (HELM_PHASES.containsKey(type)) {
                phases.add(HELM_PHASES.get(type));
            } else if (HELM_NOT_RUN.contains(type)) {
                notRun.add(type);
            } else {
                problems.add(object.origin() + ": " + describe(object) + " has annotation " + HELM_HOOK + ": \"" + value
                        + "\"; \"" + type + "\" is not a Helm hook (pre-install, post-install, pre-upgrade, post-upgrade,"
                        + " pre-delete, post-delete, pre-rollback, post-rollback, test); fix the chart or its values");
            }
        }
        String source = HELM_HOOK + ": " + value;
        if (!phases.isEmpty()) {
            return new Declaration(phases, source, null);
        }
        return new Declaration(Set.of(), source, source + " is a Helm " + String.join(", ", notRun)
                + " hook; a sync runs Helm's install and upgrade hooks only, as Argo CD does");
    }

    private static int waveOf(KubeObject object, List<String> problems) {
        List<String> keys = new ArrayList<>(WAVE_ANNOTATIONS);
        if (declaresHook(object.manifest())) {
            keys.add(HELM_HOOK_WEIGHT); // Helm's weight orders hooks only, as in Helm and Argo CD
        }
        for (String key : keys) {
            String value = annotation(object, key);
            if (value.isBlank()) {
                continue;
            }
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                problems.add(object.origin() + ": " + describe(object) + " has annotation " + key + ": \"" + value
                        + "\", which is not an integer; use a whole number such as \"-1\" or \"2\"");
                return 0;
            }
        }
        return 0;
    }

    private static Set<HookDeletePolicy> deletePoliciesOf(KubeObject object, List<String> problems) {
        Set<HookDeletePolicy> policies = EnumSet.noneOf(HookDeletePolicy.class);
        String key = present(object, HOOK_DELETE_POLICY) ? HOOK_DELETE_POLICY : ARGO_HOOK_DELETE_POLICY;
        readPolicies(object, key, DELETE_POLICIES, "BeforeHookCreation, HookSucceeded, HookFailed", policies, problems);
        readPolicies(object, HELM_HOOK_DELETE_POLICY, HELM_DELETE_POLICIES,
                "before-hook-creation, hook-succeeded, hook-failed", policies, problems);
        return policies;
    }

    private static void readPolicies(KubeObject object, String key, Map<String, HookDeletePolicy> known, String choices,
            Set<HookDeletePolicy> policies, List<String> problems) {
        String value = annotation(object, key);
        for (String policy : csv(value)) {
            if (known.containsKey(policy)) {
                policies.add(known.get(policy));
            } else {
                problems.add(object.origin() + ": " + describe(object) + " has annotation " + key + ": \"" + value
                        + "\"; \"" + policy + "\" is not one of " + choices + "; fix it in Git");
            }
        }
    }

    /** The object with its name: Git's, or generated from generateName for this phase and sync. */
    private static KubeObject named(KubeObject object, HookPhase phase, String revision, Instant startedAt) {
        if (!object.name().isEmpty()) {
            return object;
        }
        ObjectNode manifest = object.copyOfManifest();
        ObjectNode metadata = manifest.with("metadata");
        String prefix = metadata.path("generateName").asText("");
        String shortRevision = revision.length() >= 8 ? revision.substring(0, 7) : revision;
        String suffix = (shortRevision.isEmpty() ? "" : shortRevision + "-") + phase.nameSegment() + "-"
                + startedAt.getEpochSecond();
        metadata.put("name", prefix + suffix.toLowerCase(Locale.ROOT));
        metadata.remove("generateName");
        return new KubeObject(manifest, object.origin());
    }

    /** {@code Job/upgrade-sql-schema-} for an object known by its generateName only. */
    private static String describe(KubeObject object) {
        return object.name().isEmpty()
                ? object.kind() + "/" + object.manifest().path("metadata").path("generateName").asText("") + "*"
                : object.ref().toString();
    }

    /** Argo CD's list rule: split on commas, trim, drop empty items and duplicates. */
    static Set<String> csv(String value) {
        Set<String> items = new LinkedHashSet<>();
        Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).forEach(items::add);
        return items;
    }

    private static boolean present(KubeObject object, String key) {
        return !annotation(object, key).isBlank();
    }

    private static String annotation(KubeObject object, String key) {
        return object.manifest().path("metadata").path("annotations").path(key).asText("");
    }
}
