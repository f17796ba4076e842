package io.jenkins.plugins.gitops.engine.report;

import io.jenkins.plugins.gitops.engine.cluster.RequestCounter.RequestCount;
import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import io.jenkins.plugins.gitops.engine.resource.Origin;
import io.jenkins.plugins.gitops.engine.source.CommitInfo;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.sync.ChangeSetEntry;
import io.jenkins.plugins.gitops.engine.sync.SyncPolicy;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Results and contexts as a reconcile produces them, for tests that need no cluster. */
final class Reports {

    static final Instant START = Instant.parse("2025-06-01T10:15:30.123Z");
    static final Instant END = Instant.parse("2025-06-01T10:15:32.468Z");

    static final CommitInfo COMMIT = new CommitInfo("3f1c2b7a9d4e5f60718293a4b5c6d7e8f9012345", "3f1c2b7",
            "Ann Example", "ann@example.com", Instant.parse("2025-05-31T16:02:11Z"), "Bump web to 1.4",
            "Bump web to 1.4\n\nJenkins-Build: shop/web#42\n");

    static final String WEB_DIFF = """
            --- live Deployment/shop/web
            +++ desired Deployment/shop/web
            @@ -3,3 +3,3 @@
               name: web
             spec:
            -  replicas: 5
            +  replicas: 2
            """;

    private Reports() {
    }

    static ReportContext context(Mode mode) {
        return new ReportContext("shop/web-prod", "https://k8s.example.com:6443", "shop",
                "https://git.example.com/shop/config.git", "apps/web", "main", COMMIT,
                SyncPolicy.defaults().withPrune(true).withWaitForHealth(true, Duration.ofMinutes(5)), START, END);
    }

    /** A sync of a chart from a Helm repository, with values files from Git; the URL's credentials must not show. */
    static ReportContext chartContext() {
        return new ReportContext("shop/web-prod", "https://k8s.example.com:6443", "shop",
                "https://git.example.com/shop/config.git", "@charts/web", "main", COMMIT, SyncPolicy.defaults(), START,
                END, new ReportSummary.Chart("https://ann:token@charts.example.com/stable", "web", "^1.2", "1.2.7",
                        "sha256:" + "ab".repeat(32)));
    }

    static ReportContext localFolderContext() {
        return new ReportContext("local", "https://127.0.0.1:6443", "default", "/home/ann/config", "", null, null,
                SyncPolicy.defaults(), START, END);
    }

    static ChangeSetEntry web(Action action, String diff, String message) {
        return new ChangeSetEntry(new ObjectRef("apps", "Deployment", "shop", "web"), "apps/v1",
                new Origin("apps/web/deployment.yaml", 1), action,
                diff.isEmpty() ? List.of() : List.of(".spec.replicas"), diff, Health.healthy(""), message);
    }

    static ChangeSetEntry service(Action action) {
        return new ChangeSetEntry(new ObjectRef("", "Service", "shop", "web"), "v1",
                new Origin("apps/web/service.yaml", 3), action, List.of(), "",
                Health.progressing("Waiting for the load balancer"), "");
    }

    static ChangeSetEntry extra(Action action, String message) {
        return new ChangeSetEntry(new ObjectRef("", "ConfigMap", "shop", "old-settings"), "v1", null, action,
                List.of(), "", null, message);
    }

    static ChangeSetEntry clusterRole(Action action) {
        return new ChangeSetEntry(new ObjectRef("rbac.authorization.k8s.io", "ClusterRole", null, "web-reader"),
                "rbac.authorization.k8s.io/v1", Origin.of("charts/web/templates/clusterrole.yaml"), action, List.of(), "",
                Health.healthy(""), "");
    }

    static SyncResult result(Mode mode, Outcome outcome, String failure, List<ChangeSetEntry> entries) {
        Map<Phase, Duration> timings = new LinkedHashMap<>();
        timings.put(Phase.RESOLVE, Duration.ofMillis(12));
        timings.put(Phase.LIVE_STATE, Duration.ofMillis(85));
        timings.put(Phase.DIFF, Duration.ofMillis(9));
        if (mode != Mode.PREVIEW) {
            timings.put(Phase.APPLY, Duration.ofMillis(240));
            timings.put(Phase.PRUNE, Duration.ofMillis(31));
            timings.put(Phase.HEALTH, Duration.ofMillis(1200));
        }
        long writes = entries.stream().filter(e -> e.action().isWrite()).count();
        return new SyncResult(mode, entries, outcome, failure, timings,
                mode == Mode.DRY_RUN ? new RequestCount(4, 0, writes) : new RequestCount(4, mode == Mode.SYNC ? writes : 0, 0));
    }

    /** A sync that configured one object, left one alone, pruned one. */
    static SyncResult prunedSync() {
        return result(Mode.SYNC, Outcome.SYNCED, "", List.of(clusterRole(Action.UNCHANGED),
                web(Action.CONFIGURED, WEB_DIFF, ""), service(Action.UNCHANGED).withHealth(Health.healthy("")),
                extra(Action.PRUNED, "")));
    }

    /** A preview that finds drift and an extra object that pruning is off for. */
    static SyncResult preview() {
        return result(Mode.PREVIEW, Outcome.OUT_OF_SYNC, "", List.of(web(Action.CONFIGURED, WEB_DIFF, ""),
                service(Action.CREATED), extra(Action.SKIPPED, "not pruned: pruning is off for this environment")));
    }

    /** A sync the API server stopped half way. */
    static SyncResult failedSync() {
        String refused = "ConfigMap/shop/b_invalid: apply failed (HTTP 422: ConfigMap \"b_invalid\" is invalid)";
        return result(Mode.SYNC, Outcome.FAILED, refused, List.of(web(Action.CONFIGURED, WEB_DIFF, ""),
                new ChangeSetEntry(new ObjectRef("", "ConfigMap", "shop", "b_invalid"), "v1",
                        new Origin("apps/web/config.yaml", 1), Action.FAILED, List.of(), "", null, refused),
                service(Action.SKIPPED).withAction(Action.SKIPPED,
                        "not applied: the sync stopped after ConfigMap/shop/b_invalid failed")));
    }

    /** A dry run of many objects, for reports too large to read whole without need. */
    static SyncResult manyObjects(int count) {
        List<ChangeSetEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new ChangeSetEntry(new ObjectRef("", "ConfigMap", "shop", "settings-" + i), "v1",
                    new Origin("apps/many.yaml", 1 + 6 * i), Action.CREATED, List.of(), "--- live\n+++ desired\n+data: "
                    + i + "\n", Health.missing(), ""));
        }
        return result(Mode.DRY_RUN, Outcome.SYNCED, "", entries);
    }
}
