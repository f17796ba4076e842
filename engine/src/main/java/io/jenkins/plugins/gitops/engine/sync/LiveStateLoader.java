package io.jenkins.plugins.gitops.engine.sync;

import io.jenkins.plugins.gitops.engine.apply.ResolvedObject;
import io.jenkins.plugins.gitops.engine.cluster.ClusterException;
import io.jenkins.plugins.gitops.engine.cluster.Discovery;
import io.jenkins.plugins.gitops.engine.cluster.Inventory;
import io.jenkins.plugins.gitops.engine.cluster.LiveObjects;
import io.jenkins.plugins.gitops.engine.cluster.LiveStateCache;
import io.jenkins.plugins.gitops.engine.cluster.ResourceType;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The live-state phase of a reconcile: one LIST per kind that Git declares or the inventory recorded, in
 * one namespace where all of them are in one, and one GET for each desired object the lists did not find.
 * It exists so that the cost of a reconcile in requests is decided in one place.
 *
 * <p>A preview (the periodic check) reads from the connection's {@link LiveStateCache} when there is one and the
 * kind's watch is synced: then an unchanged environment costs no request at all. It also asks the cache to watch
 * every kind it lists, so that the next check finds it there. Syncs and dry runs always read from the API server:
 * what they write and prune must not rest on a store that may lag by a watch event; they still ask the cache to
 * watch the kinds they list, so that an edit right after an environment's first sync is seen by a watch, not only
 * by the next periodic check.
 */
final class LiveStateLoader {

    private final ReconcileState state;
    private final Discovery discovery;
    /** The cache a preview reads from; {@code null} for syncs, dry runs and connections without one. */
    private final LiveStateCache cache;
    /** The connection's cache, asked to watch every kind listed whatever the mode; {@code null} without one. */
    private final LiveStateCache watches;

    LiveStateLoader(ReconcileState state, Discovery discovery) {
        this.state = state;
        this.discovery = discovery;
        this.watches = state.connection().liveStateCache().orElse(null);
        this.cache = state.mode() == Mode.PREVIEW ? watches : null;
    }

    /**
     * The kinds the environment's inventory records: from the cache in a preview when ConfigMaps are watched (the
     * inventory carries the environment's marks), else one GET.
     */
    Set<String> recordedKinds(Inventory inventory) {
        if (cache != null) {
            var configMaps = discovery.find("v1", "ConfigMap");
            if (configMaps.isPresent()) {
                cache.watch(configMaps.get());
                var cached = cache.find(configMaps.get(), inventory.ref().namespace(), inventory.ref().name());
                if (cached.isPresent()) {
                    return inventory.kindsOf(cached.get().orElse(null));
                }
            }
        }
        return inventory.read();
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
        Map<ResourceType, String> toList = new LinkedHashMap<>(); // the namespace, null for all of them
        namespacesByType.forEach((type, namespaces) -> {
            types.put(type.group() + "/" + type.kind(), type);
            String single = type.namespaced() && namespaces.size() == 1 && !namespaces.contains("*")
                    ? namespaces.iterator().next() : null;
            if (watches != null) {
                watches.watch(type);
            }
            if (cache != null) {
                if (cache.listOwned(type, single, state.ownership(), live)) {
                    return;
                }
            }
            toList.put(type, single);
        });
        state.reader().listOwnedEach(toList, state.ownership(), live, (type, e) -> {
            if (!e.isForbidden()) {
                throw e;
            }
            // Not listed, so never marked listed: PrunePlan will not touch the kind. Say so now.
            state.unlisted().put(type, e.getMessage());
            state.listener().event("Warning: " + e.getMessage() + "; objects of this kind are neither compared,"
                    + " applied nor pruned");
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
