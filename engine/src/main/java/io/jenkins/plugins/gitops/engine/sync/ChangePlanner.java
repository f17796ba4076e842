package io.jenkins.plugins.gitops.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.apply.ClientSideApplyMigration;
import io.jenkins.plugins.gitops.engine.apply.ObjectSyncOptions;
import io.jenkins.plugins.gitops.engine.apply.ObjectSyncOptions.ApplyMode;
import io.jenkins.plugins.gitops.engine.apply.ResolvedObject;
import io.jenkins.plugins.gitops.engine.cluster.LiveObjects;
import io.jenkins.plugins.gitops.engine.cluster.Ownership;
import io.jenkins.plugins.gitops.engine.diff.DriftDetector;
import io.jenkins.plugins.gitops.engine.diff.DriftStatus;
import io.jenkins.plugins.gitops.engine.diff.ObjectDrift;
import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.health.HealthAssessor;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The compare phase of a reconcile: decides, for each desired object, what a sync does to it (create,
 * configure, leave unchanged, adopt, take over from another environment, refuse because another environment
 * owns it), from its drift against the live object and its own sync options. It exists on its own because
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
        Set<String> definedInSet = DesiredObjectResolver.kindsDefinedByCrds(state.desired());
        for (KubeObject waiting : deferred) {
            ObjectRef ref = waiting.ref();
            boolean defined = definedInSet.contains(DesiredObjectResolver.groupKind(waiting.apiVersion(), waiting.kind()));
            state.entries().put(ref, new ChangeSetEntry(ref, waiting.apiVersion(), waiting.origin(), Action.CREATED,
                    List.of(), "", Health.missing(), defined ? "its kind is defined by a CustomResourceDefinition in this sync"
                            : "its kind is not served yet; not compared (annotated " + ObjectSyncOptions.ARGO_SYNC_OPTIONS
                            + ": SkipDryRunOnMissingResource=true): a sync creates it if the cluster serves its kind by then"));
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
        ObjectSyncOptions options;
        try {
            options = ObjectSyncOptions.of(object.manifest());
        } catch (IllegalArgumentException e) {
            return entry(object, Action.FAILED, null, live, object.ref() + ": " + e.getMessage());
        }
        for (String warning : options.warnings()) {
            state.listener().event("Warning: " + object.source().origin() + ": " + object.ref() + ": " + warning);
        }
        if (options.applyMode() == ApplyMode.IGNORE
                || options.applyMode() == ApplyMode.IF_NOT_PRESENT && live != null) {
            return entry(object, Action.UNCHANGED, null, live, "left as it is: annotated " + options.applyModeSource());
        }
        String liveIgnore = ignoredOnTheLiveObject(live);
        if (!liveIgnore.isEmpty()) {
            return entry(object, Action.UNCHANGED, null, live, "left as it is: the live object is annotated " + liveIgnore);
        }
        boolean handOver = false;
        boolean formerName = false;
        if (live != null && listed == null) {
            Optional<String> owner = otherOwner(live);
            formerName = owner.filter(this::isFormerIdentity).isPresent();
            if (owner.isPresent() && !owner.equals(options.previousOwner()) && !formerName) {
                return entry(object, Action.FAILED, null, live, object.ref() + ": belongs to environment " + owner.get()
                        + " (its marks are on the live object), so this environment neither adopts, changes nor prunes"
                        + " it; remove it from this environment's Git, or hand it over: annotate it in Git with "
                        + ObjectSyncOptions.PREVIOUS_OWNER + ": " + owner.get());
            }
            handOver = owner.isPresent();
        }
        ObjectDrift drift = driftDetector.compare(object.manifest(), live);
        Action action = switch (drift.status()) {
            case MISSING -> Action.CREATED;
            case OUT_OF_SYNC -> handOver ? Action.HANDED_OVER : Action.CONFIGURED;
            case IN_SYNC -> Action.UNCHANGED;
        };
        List<String> notes = new ArrayList<>(options.warnings());
        if (handOver) {
            String previous = otherOwner(live).orElse("?");
            notes.add(formerName ? "handed over from " + previous + ", this environment's name before it was renamed"
                    + " or moved" : "handed over from environment " + previous + ", as Git says ("
                    + ObjectSyncOptions.PREVIOUS_OWNER + ")");
        } else if (live != null && listed == null && drift.status() != DriftStatus.MISSING) {
            notes.add("exists without this environment's marks; it will be adopted");
        }
        if (action != Action.UNCHANGED && action != Action.CREATED) {
            List<String> csa = options.applyMode() == ApplyMode.MERGE ? List.of() : ClientSideApplyMigration.managersOn(live);
            if (!csa.isEmpty()) {
                notes.add("fields set by " + String.join(", ", csa) + " handed over to field manager \""
                        + state.policy().fieldManager() + "\"");
            }
            if (state.policy().forceConflicts()) {
                notes.addAll(Takeovers.describe(drift.changes()));
            }
        }
        return new ChangeSetEntry(object.ref(), object.source().apiVersion(), object.source().origin(), action,
                drift.changedPaths(), drift.diffText(), healthAssessor.assess(live), String.join("; ", notes));
    }

    /**
     * The manifest to apply for {@code object}: Git's, less the fields an ignore rule leaves to another field
     * manager on the live object as last seen.
     */
    ObjectNode applicable(ResolvedObject object) {
        return driftDetector.applicable(object.manifest(), state.latest().get(object.ref()));
    }

    /** The entry of an object that is not compared: left alone by its annotation, or failed. */
    private ChangeSetEntry entry(ResolvedObject object, Action action, String diff, ObjectNode live, String message) {
        // an object left to other tools that does not exist is not missing from this environment: no health
        return new ChangeSetEntry(object.ref(), object.source().apiVersion(), object.source().origin(), action,
                List.of(), diff, live == null && action == Action.UNCHANGED ? null : healthAssessor.assess(live), message);
    }

    /**
     * How the live object says it is not to be applied ({@code ssa: Ignore}, Flux's {@code reconcile: disabled},
     * which Flux's documentation tells people to set on the object in the cluster, as Flux honours either side);
     * empty when it does not.
     */
    private static String ignoredOnTheLiveObject(ObjectNode live) {
        if (live == null) {
            return "";
        }
        try {
            ObjectSyncOptions options = ObjectSyncOptions.of(live);
            return options.applyMode() == ApplyMode.IGNORE ? options.applyModeSource() : "";
        } catch (IllegalArgumentException e) {
            return ""; // what the live object says is not understood; Git's annotations decide
        }
    }

    /** Whether {@code owner} (an identity, or a label value) is a name this environment had before. */
    private boolean isFormerIdentity(String owner) {
        for (String former : state.target().formerEnvironmentIds()) {
            if (former.equals(owner) || new Ownership(former).labelValue().equals(owner)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The environment whose marks {@code live} carries, when it is not this one: its identity from the annotation,
     * or, when only the label is there, the label's value.
     */
    private Optional<String> otherOwner(ObjectNode live) {
        JsonNode metadata = live.path("metadata");
        String id = metadata.path("annotations").path(Ownership.ENVIRONMENT_ANNOTATION).asText("");
        String label = metadata.path("labels").path(Ownership.ENVIRONMENT_LABEL).asText("");
        Ownership ours = state.ownership();
        if (!id.isEmpty()) {
            return id.equals(ours.environmentId()) ? Optional.empty() : Optional.of(id);
        }
        return label.isEmpty() || label.equals(ours.labelValue()) ? Optional.empty() : Optional.of(label);
    }
}
