package io.jenkins.plugins.gitops.engine.sync;

import io.jenkins.plugins.gitops.engine.apply.ResolvedObject;
import io.jenkins.plugins.gitops.engine.cluster.ClusterException;
import io.jenkins.plugins.gitops.engine.cluster.Discovery;
import io.jenkins.plugins.gitops.engine.cluster.LiveObjects;
import io.jenkins.plugins.gitops.engine.cluster.ResourceType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The live-state phase of a reconcile: one LIST per kind that Git declares or the inventory recorded, in
 * one namespace where all of them are in one, and one GET for each desired object the lists did not find.
 * It exists so that the cost of a reconcile in requests is decided in one place.
 */
final class LiveStateLoader {

    private final ReconcileState state;
    private final Discovery discovery;

    LiveStateLoader(ReconcileState state, Discovery discovery) {
        this.state = state;
        this.discovery = discovery;
    }

    /**
     * Lists the environment's objects into {@code live} and their kinds into {@code types}; a desired object
     * found only by its GET goes into the state's latest objects. A kind the credentials may not list is
     * recorded as unlisted and reported, and the rest goes on.
     *
     * @param recordedKinds the inventory's entries: {@code apiVersion kind namespace}
     * @throws ClusterException when the cluster fails, or refuses anything but a list
     */
    void load(Set<String> recordedKinds, LiveObjects live, Map<String, ResourceType> types) {
        Map<ResourceType, Set<String>> namespacesByType = new LinkedHashMap<>();
        for (ResolvedObject object : state.ready()) {
            namespacesByType.computeIfAbsent(object.type(), t -> new TreeSet<>())
                    .add(object.type().namespaced() ? object.ref().namespace() : "");
        }
        for (String entry : recordedKinds) {
            String[] parts = entry.split(" ");
            if (parts.length < 2) {
                continue;
            }
            discovery.find(parts[0], parts[1]).ifPresent(type -> namespacesByType
                    .computeIfAbsent(type, t -> new TreeSet<>())
                    .add(type.namespaced() ? (parts.length > 2 ? parts[2] : state.target().defaultNamespace()) : ""));
        }
        namespacesByType.forEach((type, namespaces) -> {
            types.put(type.group() + "/" + type.kind(), type);
            String single = type.namespaced() && namespaces.size() == 1 && !namespaces.contains("*")
                    ? namespaces.iterator().next() : null;
            try {
                state.reader().listOwned(type, single, state.ownership(), live);
            } catch (ClusterException e) {
                if (!e.isForbidden()) {
                    throw e;
                }
                // Not listed, so never marked listed: PrunePlan will not touch the kind. Say so now.
                state.unlisted().put(type, e.getMessage());
                state.listener().event("Warning: " + e.getMessage() + "; objects of this kind are neither compared,"
                        + " applied nor pruned");
            }
        });
        // Objects that exist but were never applied by this environment are not returned by the label
        // selector: one GET each tells whether to create or to adopt them.
        for (ResolvedObject object : state.ready()) {
            if (live.get(object.ref()).isEmpty() && !state.unlisted().containsKey(object.type())) {
                state.reader().get(object.type(), object.ref().namespace(), object.ref().name())
                        .ifPresent(found -> state.latest().put(object.ref(), found));
            }
        }
    }
}
