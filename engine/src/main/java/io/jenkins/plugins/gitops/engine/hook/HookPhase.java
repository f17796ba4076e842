package io.jenkins.plugins.gitops.engine.hook;

import java.util.Locale;

/** When a hook runs, in Argo CD's terms and order. */
public enum HookPhase {
    /** Before anything is applied (a database migration). */
    PRE_SYNC("PreSync"),
    /** With the ordinary objects of its wave. */
    SYNC("Sync"),
    /** After every object is applied and healthy, when the sync succeeded (a smoke test, a notification). */
    POST_SYNC("PostSync"),
    /** Only when the sync failed (a clean-up, an alert). */
    SYNC_FAIL("SyncFail");

    private final String annotationValue;

    HookPhase(String annotationValue) {
        this.annotationValue = annotationValue;
    }

    /** As written in {@code argocd.argoproj.io/hook}: {@code PreSync}. */
    public String annotationValue() {
        return annotationValue;
    }

    /** As used in generated names: {@code presync}. */
    String nameSegment() {
        return annotationValue.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return annotationValue;
    }
}
