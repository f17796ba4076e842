package io.jenkins.plugins.gitops.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The live state of one cluster as seen through one set of credentials, kept up to date by one watch per kind
 * ({@link KindWatch}) and shared by every environment deployed there with those credentials. A periodic check
 * (a preview) reads its objects from here instead of listing them: N environments on a cluster cost one watch per
 * kind, not N LISTs per kind and interval, and a check of an unchanged environment sends no request at all.
 *
 * <p>One cache belongs to one {@link ClusterConnection}, and a connection to one set of credentials, so
 * environments whose credentials differ never share what one of them may read and the other may not.
 *
 * <p>What is not read from here: syncs and dry runs list and read through the API server as before (they decide
 * what to write and prune, and must not act on a store that lags by a watch event); writes always go to the API
 * server, and the cache sees them come back. A kind is read from here only while its watch is {@link
 * KindWatch#readable() synced and running}: while a watch reconnects after a lost connection, or when the
 * credentials may not watch the kind, or the cache is full, checks list it themselves.
 *
 * <p>A watch event on an object an environment manages (a change beyond status, or a deletion) is passed to the
 * {@linkplain #addListener listeners} with the environment's identity and whether the engine wrote it itself.
 * Objects added are not reported: the engine creates them, and one created by someone else is found by the next
 * check.
 */
public final class LiveStateCache implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(LiveStateCache.class.getName());

    /** What the dashboard shows per kind. */
    public record KindStatus(ResourceType type, boolean readable, String state, int objects, String reason) {
    }

    private final ClusterConnection connection;
    private final LiveStateCacheOptions options;
    private final Clock clock;
    private final Map<ResourceType, KindWatch> watches = new ConcurrentHashMap<>();
    private final List<ObjectChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final java.util.Set<ResourceType> relisting = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** How many of the engine's writes are remembered until their watch events come back. */
    private static final int MAX_OWN_WRITES = 10_000;

    /** The engine's recent writes, by uid and resource version: their watch events are not others' changes. */
    private final Map<String, Boolean> ownWrites = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>() {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > MAX_OWN_WRITES;
                }
            });

    /**
     * Notes an object as the engine's write returned it, so that the watch event it causes is not taken for someone
     * else's change (managed fields cannot tell two writes of one manager within a second apart).
     */
    public void recordOwnWrite(JsonNode stored) {
        JsonNode metadata = stored.path("metadata");
        String uid = metadata.path("uid").asText("");
        String version = metadata.path("resourceVersion").asText("");
        if (!uid.isEmpty() && !version.isEmpty()) {
            ownWrites.put(versionKey(uid, version), Boolean.TRUE);
        }
    }

    private static String versionKey(String uid, String resourceVersion) {
        return uid + "@" + resourceVersion;
    }

    LiveStateCache(ClusterConnection connection, LiveStateCacheOptions options, Clock clock) {
        this.connection = connection;
        this.options = Objects.requireNonNull(options, "options");
        this.clock = clock;
    }

    public LiveStateCacheOptions options() {
        return options;
    }

    public void addListener(ObjectChangeListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(ObjectChangeListener listener) {
        listeners.remove(listener);
    }

    /**
     * Starts watching {@code type} if nothing watches it yet; returns at once (the first LIST runs in the
     * background, and reads go to the API server until it is done).
     */
    public void watch(ResourceType type) {
        if (closed) {
            return;
        }
        watches.computeIfAbsent(type, t -> {
            KindWatch watch = new KindWatch(connection, t, new Events(t), clock.instant());
            watch.start();
            return watch;
        });
    }

    /** Whether reads of {@code type} come from the cache now. */
    public boolean readable(ResourceType type) {
        KindWatch watch = watches.get(type);
        return watch != null && watch.readable();
    }

    /**
     * Adds to {@code into} every object of {@code type} with {@code ownership}'s marks, as
     * {@link LiveStateReader#listOwned} would, and marks the kind listed; sends no request.
     *
     * @param namespace the one namespace, or {@code null} for all
     * @return whether it did; {@code false} when the kind is not {@link #readable} (the caller lists it)
     */
    public boolean listOwned(ResourceType type, String namespace, Ownership ownership, LiveObjects into) {
        KindWatch watch = watches.get(type);
        if (watch == null || !watch.readable()) {
            return false;
        }
        for (GenericKubernetesResource object : watch.ofEnvironment(ownership.labelValue())) {
            if (namespace == null || !type.namespaced() || namespace.equals(object.getMetadata().getNamespace())) {
                into.put(type, toTree(object));
            }
        }
        into.markListed(type, namespace);
        return true;
    }

    /**
     * One object with an environment label, from the cache; sends no request.
     *
     * @return empty when the kind is not {@link #readable}; else the object, or empty inside when there is no
     *     such labelled object
     */
    public Optional<Optional<ObjectNode>> find(ResourceType type, String namespace, String name) {
        KindWatch watch = watches.get(type);
        if (watch == null || !watch.readable()) {
            return Optional.empty();
        }
        return Optional.of(watch.find(namespace, name).map(this::toTree));
    }

    /** The kinds watched, with their state, for the dashboard and the log. */
    public List<KindStatus> status() {
        Map<String, KindStatus> byName = new TreeMap<>();
        watches.values().forEach(watch -> byName.put(watch.type().toString(), new KindStatus(watch.type(),
                watch.readable(), watch.state().name(), watch.objects(), watch.reason())));
        return List.copyOf(byName.values());
    }

    /** Objects held, all kinds together. */
    public int objects() {
        return watches.values().stream().mapToInt(KindWatch::objects).sum();
    }

    /**
     * Lists afresh every kind whose watch is older than the relist period (a new watch replaces the old one once
     * listed; reads use the old one meanwhile), and tries kinds the credentials could not watch again (they may
     * have been granted since): call it now and then (every few minutes).
     */
    public void relistStale() {
        Duration period = options.relistPeriod();
        Instant now = clock.instant();
        for (KindWatch old : List.copyOf(watches.values())) {
            boolean due = !period.isZero() && old.started().plus(period).isBefore(now)
                    && old.state() != KindWatch.State.OVER_LIMIT;
            if (due && relisting.add(old.type())) {
                KindWatch fresh = new KindWatch(connection, old.type(), new Events(old.type()), now);
                fresh.start().whenComplete((listed, failure) -> {
                    relisting.remove(old.type());
                    if (failure == null && !closed && watches.replace(old.type(), old, fresh)) {
                        old.close();
                    } else if (failure != null && !closed && fresh.state() == KindWatch.State.WATCH_FORBIDDEN) {
                        watches.replace(old.type(), old, fresh); // still forbidden: try again a period later
                        old.close();
                    } else {
                        fresh.close();
                    }
                });
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        watches.values().forEach(KindWatch::close);
        watches.clear();
    }

    private ObjectNode toTree(GenericKubernetesResource object) {
        return connection.serialization().convertValue(object, ObjectNode.class);
    }

    private void overLimitCheck(ResourceType type) {
        if (objects() > options.maxObjects()) {
            KindWatch watch = watches.get(type);
            if (watch != null && watch.state() != KindWatch.State.OVER_LIMIT) {
                CompletableFuture.runAsync(() -> watch.overLimit(options.maxObjects()));
            }
        }
    }

    /** Watch events of one kind: counts for the limit, and changes for the listeners. */
    private final class Events implements ResourceEventHandler<GenericKubernetesResource> {
        private final ResourceType type;

        Events(ResourceType type) {
            this.type = type;
        }

        @Override
        public void onAdd(GenericKubernetesResource object) {
            overLimitCheck(type);
        }

        @Override
        public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
            if (listeners.isEmpty() || Objects.equals(before.getMetadata().getResourceVersion(),
                    after.getMetadata().getResourceVersion())) {
                return; // nobody listens, or a resync replaying the store
            }
            ObjectNode earlier = toTree(before);
            ObjectNode later = toTree(after);
            if (ChangeAttribution.declaredContentChanged(earlier, later)) {
                // the version the engine's write returned is the engine's for sure; managed fields tell the rest
                boolean own = ownWrites.remove(versionKey(after.getMetadata().getUid(),
                        after.getMetadata().getResourceVersion())) != null;
                tell(after, false, !own && ChangeAttribution.writtenByOthers(earlier, later, options.ownFieldManagers()));
            }
        }

        @Override
        public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
            if (!listeners.isEmpty()) {
                tell(object, true, true);
            }
        }

        private void tell(GenericKubernetesResource object, boolean deleted, boolean byOthers) {
            Map<String, String> annotations = object.getMetadata().getAnnotations();
            String environmentId = annotations == null ? null : annotations.get(Ownership.ENVIRONMENT_ANNOTATION);
            if (environmentId == null) {
                return;
            }
            ObjectRef ref = new ObjectRef(type.group(), type.kind(),
                    type.namespaced() ? object.getMetadata().getNamespace() : null, object.getMetadata().getName());
            ObjectChangeListener.ObjectChange change = new ObjectChangeListener.ObjectChange(environmentId, ref, deleted,
                    byOthers);
            for (ObjectChangeListener listener : listeners) {
                try {
                    listener.changed(change);
                } catch (RuntimeException e) {
                    LOGGER.log(Level.WARNING, "A listener of " + ref + " failed", e);
                }
            }
        }
    }
}
