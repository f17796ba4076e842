package io.jenkins.plugins.gitops.engine.cluster;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link LiveStateCache} behaves.
 *
 * @param maxObjects how many objects the cache of one cluster holds at most, all kinds together; a kind whose
 *     watch would go past it is dropped and read by LIST again, so memory stays bounded (about 6 MB of heap per 1,000
 *     objects of about 1 KB, measured by LiveStateCacheMemoryIT; see docs/design.md)
 * @param relistPeriod how long a kind's cache is trusted before it is listed afresh, a safety net against an
 *     event the watch lost; {@link Duration#ZERO} for never
 * @param ownFieldManagers the field managers the engine writes with: changes they make are the engine's own and
 *     trigger no check
 */
public record LiveStateCacheOptions(int maxObjects, Duration relistPeriod, Set<String> ownFieldManagers) {

    /** The field manager the engine applies with unless an environment says otherwise (ApplyOptions). */
    public static final String DEFAULT_FIELD_MANAGER = "gitops-sync";

    public LiveStateCacheOptions {
        if (maxObjects <= 0) {
            throw new IllegalArgumentException("live state cache: at most " + maxObjects + " objects; allow at least 1");
        }
        Objects.requireNonNull(relistPeriod, "relistPeriod");
        ownFieldManagers = Set.copyOf(ownFieldManagers);
    }

    /**
     * 50,000 objects per cluster (about 300 MB of heap at most: 1,000 environments of 50 objects), a fresh list
     * every hour, the default field manager.
     */
    public static LiveStateCacheOptions defaults() {
        return new LiveStateCacheOptions(50_000, Duration.ofHours(1), Set.of(DEFAULT_FIELD_MANAGER));
    }

    public LiveStateCacheOptions withMaxObjects(int value) {
        return new LiveStateCacheOptions(value, relistPeriod, ownFieldManagers);
    }

    public LiveStateCacheOptions withRelistPeriod(Duration value) {
        return new LiveStateCacheOptions(maxObjects, value, ownFieldManagers);
    }

    public LiveStateCacheOptions withOwnFieldManagers(Set<String> value) {
        return new LiveStateCacheOptions(maxObjects, relistPeriod, value);
    }
}
