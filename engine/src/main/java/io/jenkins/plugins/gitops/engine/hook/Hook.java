package io.jenkins.plugins.gitops.engine.hook;

import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One run of a hook, as Git declares it: an object created at a phase of a sync instead of being part of the
 * desired state. An object annotated with several phases is one run per phase, as in Argo CD.
 *
 * @param object the manifest, with {@code metadata.name} set (generated from {@code generateName} when Git gives
 *     only that: a name per phase and sync) and the origin of the document
 * @param phase the phase it runs at
 * @param wave its wave within the phase: lower waves first, and each wave must finish before the next starts
 * @param deletePolicies when it is deleted; never empty ({@link HookDeletePolicy#BEFORE_HOOK_CREATION} by default)
 * @param declaredBy the annotation that made it a hook, as {@code key: value}, for messages
 */
public record Hook(KubeObject object, HookPhase phase, int wave, Set<HookDeletePolicy> deletePolicies,
        String declaredBy) {

    public Hook {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(phase, "phase");
        deletePolicies = deletePolicies.isEmpty() ? Set.of(HookDeletePolicy.BEFORE_HOOK_CREATION)
                : Collections.unmodifiableSet(EnumSet.copyOf(deletePolicies));
    }

    public boolean deletedWhen(HookDeletePolicy policy) {
        return deletePolicies.contains(policy);
    }

    /** {@code PreSync hook (wave 0)}, for messages. */
    public String describe() {
        return phase + " hook (wave " + wave + ")";
    }
}
