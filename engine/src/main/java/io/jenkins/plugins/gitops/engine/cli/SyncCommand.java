package io.jenkins.plugins.gitops.engine.cli;

import io.jenkins.plugins.gitops.engine.sync.SyncPolicy;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import java.time.Duration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gitops-sync sync}: applies what differs from Git (server-side apply), prunes if asked, checks health. */
@Command(name = "sync",
        description = {"Apply what differs from Git with server-side apply, in order (namespaces and definitions"
                + " first), prune with --prune, and report each object's action and health.",
            "Exit code 0 when synced (and healthy, with --wait), 1 on conflicts or unhealthy objects, 2 on errors."},
        mixinStandardHelpOptions = true)
final class SyncCommand extends ReconcileCommand {

    @ArgGroup(validate = false, heading = "%nSync:%n")
    SyncOptions sync = new SyncOptions();

    /** The options only a sync has. */
    static final class SyncOptions {
        @Option(names = "--dry-run",
                description = "Send every write as a server-side dry run: the API server validates it, nothing changes.")
        boolean dryRun;

        @Option(names = "--force-conflicts", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Git wins (the default): take declared fields back from other field managers (after a"
                        + " kubectl edit, say) and report each takeover. --no-force-conflicts reports a conflict instead"
                        + " and leaves the object as it is.")
        boolean forceConflicts = true;

        @Option(names = "--wait", description = "Wait until every object is healthy (and between waves).")
        boolean waitForHealth;

        @Option(names = "--timeout", paramLabel = "<duration>", defaultValue = "5m",
                converter = DurationConverter.class,
                description = "How long --wait waits, such as 90s, 5m or 1h (default: ${DEFAULT-VALUE}).")
        Duration timeout = Duration.ofMinutes(5);
    }

    @Override
    SyncPolicy policy() {
        return super.policy()
                .withForceConflicts(sync.forceConflicts)
                .withWaitForHealth(sync.waitForHealth, sync.timeout);
    }

    @Override
    ExitCodes execute() throws Exception {
        return print(reconcile(sync.dryRun ? Mode.DRY_RUN : Mode.SYNC, policy()), TextReport.Layout.SYNC);
    }
}
