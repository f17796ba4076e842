package io.jenkins.plugins.gitops.engine.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.apply.ResolvedObject;
import io.jenkins.plugins.gitops.engine.cluster.LiveObjects;
import io.jenkins.plugins.gitops.engine.diff.DriftDetector;
import io.jenkins.plugins.gitops.engine.diff.DriftStatus;
import io.jenkins.plugins.gitops.engine.diff.ObjectDrift;
import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.health.HealthAssessor;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import java.util.List;

/**
 * The compare phase of a reconcile: decides, for each desired object, what a sync does to it (create,
 * configure, leave unchanged, adopt), from its drift against the live object. It exists on its own because
 * the apply phase asks the same question again for objects whose kinds a sync has just defined.
 */
final class ChangePlanner {

    private final ReconcileState state;
    private final DriftDetector driftDetector;
    private final HealthAssessor healthAssessor;

    ChangePlanner(ReconcileState state, DriftDetector driftDetector, HealthAssessor healthAssessor) {
        this.state = state;
        this.driftDetector = driftDetector;
        this.healthAssessor = healthAssessor;
    }

    /**
     * Gives every desired object its entry: the ready ones compared with {@code live}, those of an unlisted
     * kind failed, the deferred ones (their kind is not defined yet) to be created.
     */
    void planAll(LiveObjects live, List<KubeObject> deferred) {
        for (ResolvedObject object : state.ready()) {
            String unreadable = state.unlisted().get(object.type());
            state.entries().put(object.ref(), unreadable == null ? plan(object, live.get(object.ref()).orElse(null))
                    : new ChangeSetEntry(object.ref(), object.source().apiVersion(), object.source().origin(),
                            Action.FAILED, List.of(), "", null, object.ref() + ": not applied: its kind could not be"
                            + " listed, so its live state is unknown: " + unreadable));
        }
        for (KubeObject waiting : deferred) {
            ObjectRef ref = waiting.ref();
            state.entries().put(ref, new ChangeSetEntry(ref, waiting.apiVersion(), waiting.origin(), Action.CREATED,
                    List.of(), "", Health.missing(), "its kind is defined by a CustomResourceDefinition in this sync"));
        }
    }

    /**
     * The entry of one desired object.
     *
     * @param listed the object as the environment's list found it, or {@code null}: then the object as a
     *     single read found it without this environment's marks (it will be adopted), if it exists at all
     */
    ChangeSetEntry plan(ResolvedObject object, ObjectNode listed) {
        ObjectNode live = listed != null ? listed : state.latest().get(object.ref());
        if (live != null) {
            state.latest().put(object.ref(), live);
        }
        ObjectDrift drift = driftDetector.compare(object.manifest(), live);
        Action action = switch (drift.status()) {
            case MISSING -> Action.CREATED;
            case OUT_OF_SYNC -> Action.CONFIGURED;
            case IN_SYNC -> Action.UNCHANGED;
        };
        String message = live != null && listed == null && drift.status() != DriftStatus.MISSING
                ? "exists without this environment's marks; it will be adopted" : "";
        return new ChangeSetEntry(object.ref(), object.source().apiVersion(), object.source().origin(), action,
                drift.changedPaths(), drift.diffText(), healthAssessor.assess(live), message);
    }
}
