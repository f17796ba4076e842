package io.jenkins.plugins.gitops.reconcile;

import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Open cluster connections, one per cluster settings, shared by the syncs and checks of every environment that
 * uses them, so that API discovery is paid once per cluster and not once per sync.
 *
 * <p>The key includes a fingerprint of the credentials, so changed credentials or settings open a new
 * connection; the old one is closed once nobody uses it and it has been idle for a while. An instance is owned
 * by {@link GitOpsConfiguration}; there is no static state.
 */
public final class ClusterConnectionPool implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(ClusterConnectionPool.class.getName());

    private final Map<String, Entry> entries = new HashMap<>();

    /** A connection in use; closing the lease returns it to the pool (it stays open for the next user). */
    final class Lease implements AutoCloseable {
        private final String key;
        private final ClusterConnection connection;
        private boolean released;

        private Lease(String key, ClusterConnection connection) {
            this.key = key;
            this.connection = connection;
        }

        ClusterConnection connection() {
            return connection;
        }

        @Override
        public void close() {
            synchronized (ClusterConnectionPool.this) {
                if (!released) {
                    released = true;
                    release(key);
                }
            }
        }
    }

    private static final class Entry {
        private final ClusterConnection connection;
        private int leases;
        private Instant lastUsed;

        private Entry(ClusterConnection connection) {
            this.connection = connection;
            this.lastUsed = Instant.now();
        }
    }

    /**
     * A connection for {@code key}, opened with {@code open} when there is none yet.
     *
     * @param key what identifies the cluster settings: server, credentials id, a fingerprint of the credentials
     *     and the CA certificate (never a secret itself)
     */
    synchronized Lease lease(String key, Supplier<ClusterConnection> open) {
        Entry entry = entries.get(key);
        if (entry == null) {
            entry = new Entry(open.get());
            entries.put(key, entry);
        }
        entry.leases++;
        entry.lastUsed = Instant.now();
        return new Lease(key, entry.connection);
    }

    private void release(String key) {
        Entry entry = entries.get(key);
        if (entry != null) {
            entry.leases--;
            entry.lastUsed = Instant.now();
        }
    }

    /** Closes the connections nobody has used for {@code idle}. */
    public synchronized void closeIdle(Duration idle) {
        Instant limit = Instant.now().minus(idle);
        for (Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Entry> next = it.next();
            Entry entry = next.getValue();
            if (entry.leases <= 0 && entry.lastUsed.isBefore(limit)) {
                it.remove();
                entry.connection.close();
                LOGGER.fine(() -> "Closed idle connection to " + entry.connection.serverUrl());
            }
        }
    }

    synchronized int size() {
        return entries.size();
    }

    /** Closes every connection, in use or not: for shutdown only. */
    @Override
    public synchronized void close() {
        entries.values().forEach(entry -> entry.connection.close());
        entries.clear();
    }
}
