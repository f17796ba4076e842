package io.jenkins.plugins.gitops.engine.hook;

import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import java.util.List;

/**
 * Rendered objects sorted into what a sync makes the cluster match and what it runs.
 *
 * @param resources the desired state: compared, applied, pruned
 * @param hooks the hook runs, in Git's order
 * @param notApplied objects that are neither (Argo CD's {@code Skip}, delete hooks, Helm test and rollback hooks),
 *     each as a message naming the file, the object and why
 */
public record HookSplit(List<KubeObject> resources, List<Hook> hooks, List<String> notApplied) {

    public HookSplit {
        resources = List.copyOf(resources);
        hooks = List.copyOf(hooks);
        notApplied = List.copyOf(notApplied);
    }

    public List<Hook> hooksOf(HookPhase phase) {
        return hooks.stream().filter(hook -> hook.phase() == phase).toList();
    }
}
