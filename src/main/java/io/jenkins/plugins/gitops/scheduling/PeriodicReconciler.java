package io.jenkins.plugins.gitops.scheduling;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.DaemonThreadFactory;
import hudson.util.LogTaskListener;
import hudson.util.NamingThreadFactory;
import io.jenkins.plugins.gitops.FormerClassNames;
import io.jenkins.plugins.gitops.Messages;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.cluster.LiveStateCache;
import io.jenkins.plugins.gitops.engine.cluster.LiveStateCacheOptions;
import io.jenkins.plugins.gitops.engine.schedule.CheckPool;
import io.jenkins.plugins.gitops.engine.schedule.CheckTrigger;
import io.jenkins.plugins.gitops.engine.schedule.DriftDebouncer;
import io.jenkins.plugins.gitops.engine.schedule.Lateness;
import io.jenkins.plugins.gitops.engine.source.RepositoryUrls;
import io.jenkins.plugins.gitops.engine.sync.CheckDecision;
import io.jenkins.plugins.gitops.engine.sync.CheckSchedule;
import io.jenkins.plugins.gitops.engine.sync.SelfHealBackoff;
import io.jenkins.plugins.gitops.engine.sync.SyncListener;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.item.EnvironmentStatus;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import io.jenkins.plugins.gitops.reconcile.EnvironmentReconcile;
import io.jenkins.plugins.gitops.run.SyncCause;
import io.jenkins.plugins.gitops.web.GitOpsNotifyEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.SystemProperties;

/**
 * Keeps every environment's periodic check on time, with the engine's {@link CheckPool}: a check starts as soon as it
 * is due and one of the "max concurrent checks" workers is free, not once per round. Pushes ({@link
 * GitOpsNotifyEndpoint}) and changes a watch saw in the cluster (the engine's {@link LiveStateCache}, through a
 * {@link DriftDebouncer}) ask for a check at once. A check is a preview (fetch, render, compare; nothing written);
 * the engine's {@link CheckDecision} turns it into a status update only, a recorded preview build, or a sync, which
 * is queued with its {@link SyncCause}.
 *
 * <p>This periodic work only keeps the pool's list of environments current (intervals, pending pushes), hands due
 * checks to free workers and logs how late checks run; it returns at once. One failing environment is logged and the
 * others go on; its error is kept in its status. The period is
 * {@code -Dio.jenkins.plugins.gitops.scheduling.PeriodicReconciler.recurrencePeriod=<milliseconds>} (default 10 seconds;
 * the name of versions before 2, without {@code scheduling.}, is read too).
 */
@Extension
public final class PeriodicReconciler extends AsyncPeriodicWork {

    private static final Logger LOGGER = Logger.getLogger(PeriodicReconciler.class.getName());

    /** How often the pool is refreshed and due checks are handed out; checks follow each environment's interval. */
    static final long RECURRENCE_PERIOD = SystemProperties.getLong(
            PeriodicReconciler.class.getName() + ".recurrencePeriod",
            SystemProperties.getLong(FormerClassNames.formerName(PeriodicReconciler.class) + ".recurrencePeriod", 10_000L));

    private static final SelfHealBackoff SELF_HEAL_BACKOFF = SelfHealBackoff.defaults();

    /** Connections unused this long are closed; a check every few minutes keeps its connection open. */
    private static final Duration CONNECTION_IDLE = Duration.ofMinutes(30);

    /** Changes to one environment's objects within this time lead to one check. */
    private static final Duration DRIFT_QUIET_PERIOD = Duration.ofSeconds(2);

    /** How late a periodic check may start and still be on time: the period of this work. */
    private static final Duration ON_TIME = Duration.ofMillis(RECURRENCE_PERIOD);

    /** Lateness is logged at most this often. */
    private static final Duration LATENESS_LOG_PERIOD = Duration.ofMinutes(5);

    /** The pool and its workers for the current settings (max concurrent checks, jitter). */
    private record Checks(CheckPool pool, ExecutorService workers, int maxConcurrent, int jitterSeconds) {
    }

    private final Map<String, GitOpsEnvironment> environments = new ConcurrentHashMap<>();
    /** The push each environment's pool entry was last asked a check for: a pending push is asked for once. */
    private final Map<String, Instant> pushesForwarded = new ConcurrentHashMap<>();
    private final Set<LiveStateCache> wiredCaches = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private final ScheduledExecutorService debounceTimer = Executors.newSingleThreadScheduledExecutor(
            new NamingThreadFactory(new DaemonThreadFactory(), "GitOps drift debounce"));
    private volatile Checks checks;
    private volatile Instant lastLatenessLog = Instant.EPOCH;

    public PeriodicReconciler() {
        super("GitOps periodic reconcile");
    }

    @Override
    public long getRecurrencePeriod() {
        return RECURRENCE_PERIOD;
    }

    @Override
    protected void execute(TaskListener listener) {
        GitOpsConfiguration configuration = GitOpsConfiguration.get();
        CheckPool pool = pool(configuration);
        Set<String> seen = new HashSet<>();
        for (GitOpsEnvironment environment : Jenkins.get().allItems(GitOpsEnvironment.class)) {
            String id = environment.getFullName();
            seen.add(id);
            environments.put(id, environment);
            EnvironmentStatus status = environment.getStatus();
            pool.register(id, environment.effectiveCheckInterval(configuration), status.getLastCheck());
            Instant push = status.getCheckRequested();
            if (push != null && !environment.isDisabled() && !push.equals(pushesForwarded.put(id, push))) {
                pool.request(id, CheckTrigger.PUSH);
            }
        }
        environments.keySet().removeIf(id -> {
            if (seen.contains(id)) {
                return false;
            }
            pool.remove(id);
            pushesForwarded.remove(id);
            return true;
        });
        pool.dispatch();
        logLateness(pool, listener);
        List<LiveStateCache> caches;
        synchronized (wiredCaches) {
            caches = List.copyOf(wiredCaches);
        }
        caches.forEach(LiveStateCache::relistStale); // the hourly fresh LIST, and another try for kinds not watchable

        configuration.getConnections().closeIdle(CONNECTION_IDLE);
    }

    /** The pool for the current settings; a new one (and new workers) when they changed. */
    private synchronized CheckPool pool(GitOpsConfiguration configuration) {
        Checks current = checks;
        int maxConcurrent = configuration.getMaxConcurrentChecks();
        int jitter = configuration.getCheckJitterSeconds();
        if (current != null && current.maxConcurrent() == maxConcurrent && current.jitterSeconds() == jitter) {
            return current.pool();
        }
        ExecutorService workers = Executors.newFixedThreadPool(maxConcurrent,
                new NamingThreadFactory(new DaemonThreadFactory(), "GitOps check"));
        CheckPool pool = new CheckPool(new CheckSchedule(Duration.ofSeconds(jitter)), maxConcurrent, ON_TIME,
                Clock.systemUTC(), workers, this::mayStart, (id, trigger) -> {
                    GitOpsEnvironment environment = environments.get(id);
                    if (environment != null) {
                        check(environment, GitOpsConfiguration.get(), new LogTaskListener(LOGGER, Level.FINE));
                    }
                });
        if (current != null) {
            current.workers().shutdown(); // running checks finish; their environments are registered anew
        }
        checks = new Checks(pool, workers, maxConcurrent, jitter);
        environments.clear();
        pushesForwarded.clear();
        return pool;
    }

    /** Not while disabled, while a sync runs or waits in the queue (its result is the check), or quieting down. */
    private boolean mayStart(String id) {
        GitOpsEnvironment environment = environments.get(id);
        return environment != null && !environment.isDisabled() && !environment.isBuilding() && !environment.isInQueue()
                && !Jenkins.get().isQuietingDown();
    }

    private void logLateness(CheckPool pool, TaskListener listener) {
        Lateness lateness = pool.lateness();
        listener.getLogger().println("Checks: " + pool.running() + " running of at most " + pool.maxConcurrent() + ", "
                + pool.size() + " environments; lateness " + lateness);
        Instant now = Instant.now();
        if (lateness.max().compareTo(ON_TIME) > 0 && lastLatenessLog.plus(LATENESS_LOG_PERIOD).isBefore(now)) {
            lastLatenessLog = now;
            LOGGER.warning(() -> "Periodic checks run late (" + lateness + "): more environments are due than "
                    + pool.maxConcurrent() + " concurrent checks can keep up with; raise \"Max concurrent checks\" in"
                    + " the GitOps configuration");
        }
    }

    /** How late checks run, for the dashboard; empty before the first round. */
    public Optional<Lateness> lateness() {
        Checks current = checks;
        return current == null ? Optional.empty() : Optional.of(current.pool().lateness());
    }

    /**
     * Lets the connection's live state cache serve this controller's checks: starts it (once per connection) and
     * turns changes others make to an environment's objects into a check of that environment.
     */
    public void useLiveStateCache(ClusterConnection connection, GitOpsConfiguration configuration) {
        LiveStateCache cache = connection.startLiveStateCache(LiveStateCacheOptions.defaults()
                .withOwnFieldManagers(Set.of(configuration.getFieldManager())));
        if (wiredCaches.add(cache)) {
            cache.addListener(new DriftDebouncer(DRIFT_QUIET_PERIOD, DriftDebouncer.Delay.on(debounceTimer), id -> {
                Checks current = checks;
                if (current != null) {
                    current.pool().request(id, CheckTrigger.DRIFT);
                }
            }));
        }
    }

    /**
     * The cause of the build a check leads to: the engine's decision, except that a new revision found because
     * the Git server pushed a notification is credited to that push.
     */
    static SyncCause causeOf(CheckDecision decision, boolean askedByPush, GitOpsEnvironment environment) {
        SyncCause cause = SyncCause.of(decision);
        if (askedByPush && cause != null && cause.getKind() == SyncCause.Kind.NEW_REVISION) {
            return SyncCause.push(RepositoryUrls.identity(environment.getRepositoryUrl()).orElse("?"));
        }
        return cause;
    }

    /** Checks one environment and acts on the engine's decision; never throws. */
    static void check(GitOpsEnvironment environment, GitOpsConfiguration configuration, TaskListener listener) {
        Instant answered = environment.getStatus().getCheckRequested();
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            EnvironmentReconcile.Outcome seen = new EnvironmentReconcile(environment, configuration, SyncListener.NONE,
                    null).execute(Mode.PREVIEW, null);
            EnvironmentStatus previous = environment.getStatus();
            // A paused environment (a rollback, or a user) is checked but never synced by a check; self-heal
            // waits longer after each of its syncs that could not remove the drift.
            boolean selfHealNow = environment.isSelfHeal() && SELF_HEAL_BACKOFF.allows(previous.getSelfHealFailures(),
                    previous.getLastSelfHeal(), Instant.now());
            // A commit that arrived while automatic sync was paused (or off) was seen, but never deployed:
            // the decision compares with the last sync's commit too, so that resuming syncs it.
            CheckDecision decision = CheckDecision.decide(previous.toObservation(), seen.observation(),
                    environment.isAutomatedNow(), selfHealNow, previous.getLastSyncCommit());
            environment.completeCheck(environment.observed(seen, seen.report(), Instant.now(), false), answered);
            SyncCause cause = causeOf(decision, answered != null, environment);
            if (cause != null) {
                environment.scheduleSync(cause);
            }
            listener.getLogger().println(environment.getFullName() + ": " + decision.verdict() + " (" + decision.reason() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listener.getLogger().println(environment.getFullName() + ": check interrupted");
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Periodic check of " + environment.getFullName() + " failed", e);
            listener.error(environment.getFullName() + ": check failed: " + e);
            // recorded, so that the environment waits for its interval instead of failing again every minute
            EnvironmentStatus previous = environment.getStatus();
            environment.completeCheck(EnvironmentStatus.of(Instant.now(), CheckDecision.Observation.failed(
                    previous.getCommit(), Messages.PeriodicReconciler_checkFailed(e.getClass().getSimpleName(),
                            String.valueOf(e.getMessage()))), previous.getAbbreviatedCommit(), previous.getCommitSubject()),
                    answered);
        }
    }
}
