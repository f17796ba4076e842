package io.jenkins.plugins.gitops.engine.hook;

/** When a hook object is deleted, as Argo CD's {@code argocd.argoproj.io/hook-delete-policy} says. */
public enum HookDeletePolicy {
    /** Before the hook is created again (the default): the previous run's object is deleted first. */
    BEFORE_HOOK_CREATION("BeforeHookCreation"),
    /** Once the whole sync succeeded. */
    HOOK_SUCCEEDED("HookSucceeded"),
    /** Once the sync failed. */
    HOOK_FAILED("HookFailed");

    private final String annotationValue;

    HookDeletePolicy(String annotationValue) {
        this.annotationValue = annotationValue;
    }

    public String annotationValue() {
        return annotationValue;
    }

    @Override
    public String toString() {
        return annotationValue;
    }
}
