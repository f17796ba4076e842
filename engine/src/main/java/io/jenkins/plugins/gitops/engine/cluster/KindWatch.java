package io.jenkins.plugins.gitops.engine.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One watch of one kind on one cluster: a fabric8 informer over every object carrying an environment label
 * ({@value Ownership#ENVIRONMENT_LABEL}), whatever the environment, indexed by that label's value.
 *
 * <p>What fabric8 7.3 does for us, checked in its sources ({@code informers/impl/cache/Reflector.java},
 * {@code dsl/internal/AbstractWatchManager.java}): the first LIST fills the store, then one watch follows it from
 * that resource version; watch bookmarks are asked for by default; a watch that breaks (timeout, lost connection)
 * is resumed from the last resource version seen, without a LIST; a {@code 410 Gone} (the version is too old, after
 * compaction or an API server restart) starts a new LIST and watch, and the store is replaced by what the LIST
 * returned, so objects deleted meanwhile disappear. What we decide: a failure other than 410 is retried forever
 * (fabric8's default gives up on a watch error), except {@code 401/403}: credentials that may list a kind but not
 * watch it fall back to a LIST per check ({@link State#WATCH_FORBIDDEN}).
 */
final class KindWatch implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(KindWatch.class.getName());

    /** The index of objects by the value of their environment label. */
    static final String BY_ENVIRONMENT = "environment";

    /** Whether reads can come from the watch. */
    enum State {
        /** Listing for the first time. */
        STARTING,
        /** Listed and watching (or resuming a broken watch). */
        SYNCED,
        /** The credentials may not list or watch this kind: every check lists it itself. */
        WATCH_FORBIDDEN,
        /** The cluster's cache is full: this kind is listed per check. */
        OVER_LIMIT,
        /** Stopped. */
        STOPPED
    }

    private final ResourceType type;
    private final WatchStreams streams;
    /** The path of the kind's collection in all namespaces, as its watch requests it. */
    private final String watchPath;
    /** {@code null} once dropped for the memory limit, so that its store can be collected. */
    private volatile SharedIndexInformer<GenericKubernetesResource> informer;
    private final AtomicInteger objects = new AtomicInteger();
    private final Instant started;
    private volatile State state = State.STARTING;
    private volatile String reason = "";

    KindWatch(ClusterConnection connection, ResourceType type, ResourceEventHandler<GenericKubernetesResource> events,
            Instant started) {
        this.type = type;
        this.started = started;
        this.streams = connection.watchStreams();
        this.watchPath = (type.group().isEmpty() ? "/api/" : "/apis/" + type.group() + "/") + type.version() + "/"
                + type.plural();
        SharedIndexInformer<GenericKubernetesResource> created = connection.client()
                .genericKubernetesResources(type.definitionContext()).inAnyNamespace()
                .withLabel(Ownership.ENVIRONMENT_LABEL)
                .runnableInformer(0);
        created.addIndexers(Map.of(BY_ENVIRONMENT, KindWatch::environmentLabel));
        created.exceptionHandler((isStarted, failure) -> retryAfter(failure));
        created.addEventHandler(new Counting(events));
        this.informer = created;
    }

    /** Starts listing and watching; the stage completes once listed, or fails when the kind cannot be watched. */
    java.util.concurrent.CompletionStage<Void> start() {
        return informer.start().whenComplete((ignored, failure) -> {
            if (failure == null && state == State.STARTING) {
                state = State.SYNCED;
            }
        });
    }

    private boolean retryAfter(Throwable failure) {
        Optional<KubernetesClientException> refused = refusal(failure);
        if (refused.isPresent()) {
            state = State.WATCH_FORBIDDEN;
            reason = "the credentials may not list and watch " + type + " in all namespaces (HTTP "
                    + refused.get().getCode() + "); each check lists this kind itself";
            LOGGER.info(() -> "Not caching " + type + ": " + reason);
            return false;
        }
        LOGGER.log(Level.FINE, failure, () -> "Watch of " + type + " failed; retrying");
        return true; // a lost connection or a restarting API server: fabric8 retries with a growing delay
    }

    private static Optional<KubernetesClientException> refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof KubernetesClientException e && (e.getCode() == 401 || e.getCode() == 403)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    ResourceType type() {
        return type;
    }

    State state() {
        return state;
    }

    String reason() {
        return reason;
    }

    Instant started() {
        return started;
    }

    /**
     * Whether the store follows the cluster now: listed, and a watch response streaming (not a watch being retried
     * after a lost connection, which fabric8 still calls watching).
     */
    boolean readable() {
        SharedIndexInformer<GenericKubernetesResource> current = informer;
        return state == State.SYNCED && current != null && current.isRunning() && current.isWatching()
                && streams.connected(watchPath);
    }

    int objects() {
        return objects.get();
    }

    /** The objects labelled with an environment label value. */
    List<GenericKubernetesResource> ofEnvironment(String labelValue) {
        SharedIndexInformer<GenericKubernetesResource> current = informer;
        return current == null ? List.of() : current.getIndexer().byIndex(BY_ENVIRONMENT, labelValue);
    }

    /** One object, by namespace (ignored for cluster-scoped kinds) and name. */
    Optional<GenericKubernetesResource> find(String namespace, String name) {
        String key = type.namespaced() ? namespace + "/" + name : name;
        SharedIndexInformer<GenericKubernetesResource> current = informer;
        return current == null ? Optional.empty() : Optional.ofNullable(current.getStore().getByKey(key));
    }

    /** Drops the store to keep memory bounded; checks list this kind themselves from now on. */
    void overLimit(int maxObjects) {
        state = State.OVER_LIMIT;
        reason = "the live state cache of this cluster holds its maximum of " + maxObjects + " objects; each check"
                + " lists " + type + " itself";
        SharedIndexInformer<GenericKubernetesResource> dropped = informer;
        informer = null;
        objects.set(0);
        if (dropped != null) {
            dropped.stop();
        }
    }

    @Override
    public void close() {
        if (state != State.OVER_LIMIT && state != State.WATCH_FORBIDDEN) {
            state = State.STOPPED;
        }
        SharedIndexInformer<GenericKubernetesResource> current = informer;
        if (current != null) {
            current.stop();
        }
    }

    private static List<String> environmentLabel(GenericKubernetesResource object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        String value = labels == null ? null : labels.get(Ownership.ENVIRONMENT_LABEL);
        return value == null ? List.of() : List.of(value);
    }

    /** Keeps the count of objects in the store, then hands the event on. */
    private final class Counting implements ResourceEventHandler<GenericKubernetesResource> {
        private final ResourceEventHandler<GenericKubernetesResource> next;

        Counting(ResourceEventHandler<GenericKubernetesResource> next) {
            this.next = next;
        }

        @Override
        public void onAdd(GenericKubernetesResource object) {
            objects.incrementAndGet();
            next.onAdd(object);
        }

        @Override
        public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
            next.onUpdate(before, after);
        }

        @Override
        public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
            objects.decrementAndGet();
            next.onDelete(object, finalStateUnknown);
        }
    }
}
