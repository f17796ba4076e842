package io.jenkins.plugins.gitops.engine.cli;

import io.jenkins.plugins.gitops.engine.cluster.RequestCounter.RequestCount;
import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.report.ReportContext;
import io.jenkins.plugins.gitops.engine.report.ReportSummary;
import io.jenkins.plugins.gitops.engine.source.CommitInfo;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.sync.ChangeSetEntry;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.view.SyncStatus;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A reconcile for people, as {@code argocd app sync} and {@code flux diff} print it: where from and
 * where to, one aligned line per object (kind, namespace, name, action, health, message), the diff under
 * each drifted object when asked, the totals, and a last line with the verdict.
 *
 * <p>A preview speaks in the future ({@code configure}: a sync would), a sync in the past
 * ({@code configured}: it did). Colours only when the {@link Terminal} allows them.
 */
final class TextReport {

    /** What a command shows of the change set. */
    enum Layout {
        /** Every object, and the diff of every drifted one ({@code diff}). */
        DIFF,
        /** Every object ({@code sync}). */
        SYNC,
        /** Only the objects that differ, then sync status, health and counts ({@code status}). */
        STATUS
    }

    private static final String INDENT = "    ";

    private final PrintWriter out;
    private final Terminal terminal;

    TextReport(PrintWriter out, Terminal terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void print(ReconcileRun run, Layout layout) {
        SyncResult result = run.result();
        header(run.context(), result.mode());
        List<ChangeSetEntry> shown = layout == Layout.STATUS
                ? result.entries().stream().filter(e -> e.action() != Action.UNCHANGED).toList()
                : result.entries();
        if (!shown.isEmpty()) {
            out.println();
            table(shown, result.mode(), layout == Layout.DIFF);
        }
        out.println();
        if (layout == Layout.STATUS) {
            status(run);
        } else {
            totals(run);
            out.println(verdict(run));
        }
        out.flush();
    }

    private void header(ReportContext context, Mode mode) {
        String path = context.path() == null || context.path().isEmpty() ? "" : ", path " + context.path();
        if (context.commit() == null) {
            out.println(label("Source:") + "folder " + context.source() + path);
        } else {
            CommitInfo commit = context.commit();
            out.println(label("Source:") + context.source() + path);
            out.println(label("Revision:") + context.revision() + " -> " + terminal.bold(commit.abbreviatedSha())
                    + " \"" + commit.subject() + "\" (" + commit.authorName() + ")");
        }
        if (context.chart() != null) {
            ReportSummary.Chart chart = context.chart();
            out.println(label("Chart:") + chart.name() + " " + terminal.bold(chart.version()) + " from "
                    + chart.repository() + (chart.requestedVersion().isEmpty() || chart.requestedVersion()
                            .equals(chart.version()) ? "" : " (asked: " + chart.requestedVersion() + ")"));
            out.println(label("Digest:") + chart.digest() + " (repeat with --chart-version " + chart.version()
                    + " --chart-digest " + chart.digest() + ")");
        }
        out.println(label("Target:") + context.serverUrl() + ", namespace " + context.namespace()
                + ", environment " + context.environment());
        if (mode == Mode.DRY_RUN) {
            out.println(label("Mode:") + "dry run: the API server checks every write, and nothing is changed");
        }
    }

    private void table(List<ChangeSetEntry> entries, Mode mode, boolean withDiffs) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"KIND", "NAMESPACE", "NAME", "ACTION", "HEALTH", "MESSAGE"});
        for (ChangeSetEntry entry : entries) {
            rows.add(new String[] {entry.ref().kind(), entry.ref().hasNamespace() ? entry.ref().namespace() : "-",
                entry.ref().name(), actionText(entry.action(), mode), healthText(entry.health()), message(entry)});
        }
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < widths.length; column++) {
                String padded = pad(row[column], widths[column]) + "  ";
                line.append(i == 0 ? terminal.bold(padded) : colourCell(column, entries.get(i - 1), padded));
            }
            line.append(i == 0 ? terminal.bold(row[5]) : row[5]);
            out.println(line.toString().stripTrailing());
            if (i > 0 && withDiffs && entries.get(i - 1).action() == Action.CONFIGURED) {
                diff(entries.get(i - 1).diff());
            }
        }
    }

    private void diff(String text) {
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            String shown = line.startsWith("---") || line.startsWith("+++") ? terminal.bold(line)
                    : line.startsWith("-") ? terminal.red(line)
                    : line.startsWith("+") ? terminal.green(line)
                    : line.startsWith("@@") ? terminal.cyan(line) : line;
            out.println(INDENT + shown);
        }
    }

    private void totals(ReconcileRun run) {
        SyncResult result = run.result();
        out.println(count(result.entries().size(), "object") + (result.entries().isEmpty() ? "" : ": "
                + actionCounts(result)));
        if (result.health().total() > 0) {
            out.println("Health: " + healthSummary(result));
        }
        if (result.mode() != Mode.PREVIEW) {
            RequestCount requests = result.requests();
            out.println(terminal.dim("Took " + seconds(run.elapsed()) + ", " + count(requests.total(), "API request")
                    + " (" + count(requests.writes() + requests.dryRuns(), "write") + ")"));
        }
    }

    private void status(ReconcileRun run) {
        SyncResult result = run.result();
        SyncStatus badge = run.verdict().syncStatus();
        String syncStatus = switch (badge) {
            case SYNCED -> terminal.green(badge.displayName());
            case OUT_OF_SYNC -> terminal.yellow(badge.displayName());
            case UNKNOWN, ERROR -> terminal.red(badge.displayName());
        };
        String detail = switch (badge) {
            case SYNCED -> "the cluster matches Git";
            case OUT_OF_SYNC -> differing(result) + " from Git";
            case UNKNOWN, ERROR -> result.failure();
        };
        out.println(label("Sync status:") + syncStatus + " (" + detail + ")");
        out.println(label("Health:") + (result.health().total() == 0 ? "no objects" : healthSummary(result)));
        out.println(label("Objects:") + result.entries().size() + (result.entries().isEmpty() ? "" : " ("
                + actionCounts(result) + ")"));
    }

    /** The last line: what happened, in one sentence, and what to do next when something is left to do. */
    private String verdict(ReconcileRun run) {
        SyncResult result = run.result();
        String sha = run.context().commit() != null ? run.context().commit().abbreviatedSha() : null;
        String at = sha == null ? "" : " at " + sha;
        return switch (result.outcome()) {
            case IN_SYNC -> terminal.green("Synced:") + (result.mode() == Mode.PREVIEW
                    ? " the cluster matches Git" + at
                    : " nothing to do, the cluster already matches Git" + at) + extrasLeft(result, run.context().policy().prune());
            case OUT_OF_SYNC -> terminal.yellow("OutOfSync:") + " " + differing(result) + " from Git" + at
                    + "; gitops-sync sync applies the changes";
            case SYNCED -> result.mode() == Mode.DRY_RUN
                    ? terminal.green("Dry run passed:") + " the API server accepted " + count(writes(result), "change")
                            + "; nothing was written"
                    : terminal.green("Synced" + (sha == null ? ":" : " to " + sha + ":")) + " "
                            + count(writes(result), "object") + " changed" + healthNote(run) + extrasLeft(result, run.context().policy().prune());
            case UNHEALTHY -> terminal.red("Unhealthy:") + " synced" + at + ", but not every object became healthy"
                    + " within " + seconds(run.context().policy().healthTimeout()) + ": " + unhealthyObjects(result);
            case CONFLICTS -> terminal.red("Conflicts:") + " " + count(result.count(Action.CONFLICT), "object")
                    + " not synced: another field manager owns fields Git declares, and nothing was forced;"
                    + " sync without --no-force-conflicts to take them back (Git wins), or remove the fields from Git";
            case FAILED -> terminal.red("Failed:") + " " + result.failure();
            case ABORTED -> terminal.red("Aborted:") + " " + result.failure();
        };
    }

    /** After a sync that did all it may: the extra objects it left, which keep the environment OutOfSync. */
    private static String extrasLeft(SyncResult result, boolean prune) {
        long left = result.mode() == Mode.SYNC ? result.outOfSync().size() : 0;
        // with --prune on, what is left is kept by its annotations (or guards), which the messages name
        return left == 0 ? "" : "; still OutOfSync: " + count((int) left, "object") + " left in place (see the"
                + " messages" + (prune ? ")" : "; --prune deletes extra objects)");
    }

    /** {@code 2 of 5 objects differ}, {@code 1 of 5 objects differs}. */
    private static String differing(SyncResult result) {
        long differing = result.outOfSync().size();
        return differing + " of " + count(result.entries().size(), "object") + (differing == 1 ? " differs" : " differ");
    }

    private String healthNote(ReconcileRun run) {
        SyncResult result = run.result();
        if (result.health().total() == 0 || result.health().isHealthy()) {
            return result.health().total() == 0 ? "" : "; all healthy";
        }
        return "; health " + result.worstHealth().displayName()
                + (run.context().policy().waitForHealth() ? "" : " (add --wait to wait for it)");
    }

    private static String unhealthyObjects(SyncResult result) {
        List<String> names = result.entries().stream()
                .filter(e -> e.health() != null && e.action() != Action.PRUNED
                        && e.health().status() != HealthStatus.HEALTHY && e.health().status() != HealthStatus.SUSPENDED)
                .map(e -> e.ref() + " (" + e.health().status().displayName() + ")")
                .toList();
        return String.join(", ", names);
    }

    private static long writes(SyncResult result) {
        return result.entries().stream().filter(e -> e.action().isWrite()).count();
    }

    private String actionCounts(SyncResult result) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<Action, Integer> total : result.totals().entrySet()) {
            parts.add(total.getValue() + " " + totalLabel(total.getKey(), result.mode()));
        }
        return String.join(", ", parts);
    }

    private String healthSummary(SyncResult result) {
        String summary = result.health().toString();
        return colourHealth(result.worstHealth(), summary);
    }

    /** The message column: why (conflict, error, skip), else which fields differ, else the health's sentence. */
    private static String message(ChangeSetEntry entry) {
        if (!entry.message().isEmpty()) {
            // The row already names the object; engine messages start with it so they stand alone elsewhere.
            String subject = entry.ref() + ": ";
            return entry.message().startsWith(subject) ? entry.message().substring(subject.length()) : entry.message();
        }
        if (!entry.changedPaths().isEmpty()) {
            return "changed " + String.join(", ", entry.changedPaths());
        }
        Health health = entry.health();
        return health != null && health.status() != HealthStatus.HEALTHY && health.status() != HealthStatus.MISSING
                ? health.message() : "";
    }

    /** A preview says what a sync would do; a sync what it did. */
    static String actionText(Action action, Mode mode) {
        if (mode != Mode.PREVIEW) {
            return action.label();
        }
        return switch (action) {
            case CREATED -> "create";
            case CONFIGURED -> "configure";
            case RECREATED -> "recreate";
            case HANDED_OVER -> "take over";
            case PRUNED -> "prune";
            case SKIPPED -> "skip";
            default -> action.label();
        };
    }

    private static String totalLabel(Action action, Mode mode) {
        if (action == Action.HOOK) {
            return action.countLabel();
        }
        if (mode != Mode.PREVIEW || action == Action.UNCHANGED) {
            return action == Action.CONFLICT ? "in conflict" : action.label();
        }
        String verb = actionText(action, mode);
        return action == Action.SKIPPED ? "skipped" : "to " + verb;
    }

    private static String healthText(Health health) {
        return health == null ? "-" : health.status().displayName();
    }

    private String colourCell(int column, ChangeSetEntry entry, String text) {
        return switch (column) {
            case 3 -> switch (entry.action()) {
                case CREATED, CONFIGURED, RECREATED, HANDED_OVER, PRUNED -> terminal.yellow(text);
                case CONFLICT, FAILED -> terminal.red(text);
                case SKIPPED, UNCHANGED -> terminal.dim(text);
                case HOOK -> entry.health() != null && entry.health().status() == HealthStatus.DEGRADED
                        ? terminal.red(text) : text;
            };
            case 4 -> entry.health() == null ? text : colourHealth(entry.health().status(), text);
            default -> text;
        };
    }

    private String colourHealth(HealthStatus status, String text) {
        return switch (status) {
            case HEALTHY -> terminal.green(text);
            case SUSPENDED, PROGRESSING, MISSING -> terminal.yellow(text);
            case DEGRADED, UNKNOWN -> terminal.red(text);
        };
    }

    private static String label(String text) {
        return pad(text, 13);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 60_000) {
            return millis % 1000 == 0 ? millis / 1000 + "s" : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long minutes = millis / 60_000;
        long rest = (millis % 60_000) / 1000;
        return rest == 0 ? minutes + "m" : minutes + "m" + rest + "s";
    }
}
