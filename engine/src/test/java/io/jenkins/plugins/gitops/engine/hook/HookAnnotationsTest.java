package io.jenkins.plugins.gitops.engine.hook;

import static io.jenkins.plugins.gitops.engine.testing.Manifests.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HookAnnotationsTest {

    private static final Instant STARTED = Instant.ofEpochSecond(1_765_000_000L);
    private static final String REVISION = "abcdef0123456789";

    private static HookSplit split(String yaml) throws HookAnnotationException {
        return HookAnnotations.split(parse("apps/hooks.yaml", yaml), REVISION, STARTED);
    }

    private static String object(String annotations) {
        return """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: job
                  annotations: %s
                """.formatted(annotations);
    }

    @Test
    void shouldKeepObjectsWithoutHookAnnotationsInTheDesiredState() throws Exception {
        HookSplit split = split(object("{a: b}"));

        assertThat(split.resources()).hasSize(1);
        assertThat(split.hooks()).isEmpty();
    }

    @Test
    void shouldReadArgoCdHookTypesAsOneRunPerPhase() throws Exception {
        HookSplit split = split(object("{argocd.argoproj.io/hook: \"PreSync, PostSync,PreSync\"}"));

        assertThat(split.resources()).isEmpty();
        assertThat(split.hooks()).extracting(Hook::phase).containsExactly(HookPhase.PRE_SYNC, HookPhase.POST_SYNC);
        assertThat(split.hooks().get(0).deletePolicies()).containsExactly(HookDeletePolicy.BEFORE_HOOK_CREATION);
        assertThat(split.hooks().get(0).declaredBy()).isEqualTo("argocd.argoproj.io/hook: PreSync, PostSync,PreSync");
    }

    @Test
    void shouldMapHelmHooksAsArgoCdDoes() throws Exception {
        HookSplit split = split(object("{helm.sh/hook: \"pre-install,pre-upgrade,post-install\", helm.sh/hook-weight:"
                + " \"-3\", helm.sh/hook-delete-policy: \"hook-succeeded,before-hook-creation\"}"));

        assertThat(split.hooks()).extracting(Hook::phase).containsExactly(HookPhase.PRE_SYNC, HookPhase.POST_SYNC);
        assertThat(split.hooks()).allSatisfy(hook -> {
            assertThat(hook.wave()).isEqualTo(-3);
            assertThat(hook.deletePolicies()).isEqualTo(Set.of(HookDeletePolicy.HOOK_SUCCEEDED,
                    HookDeletePolicy.BEFORE_HOOK_CREATION));
        });
    }

    @Test
    void shouldLetArgoCdTypesMaskHelmTypesAndUniteTheirDeletePolicies() throws Exception {
        HookSplit split = split(object("{argocd.argoproj.io/hook: Sync, helm.sh/hook: pre-install,"
                + " argocd.argoproj.io/hook-delete-policy: HookFailed, helm.sh/hook-delete-policy: hook-succeeded}"));

        assertThat(split.hooks()).singleElement().satisfies(hook -> {
            assertThat(hook.phase()).isEqualTo(HookPhase.SYNC);
            assertThat(hook.deletePolicies()).isEqualTo(Set.of(HookDeletePolicy.HOOK_FAILED,
                    HookDeletePolicy.HOOK_SUCCEEDED));
        });
    }

    @Test
    void shouldLetThisProjectsOwnAnnotationsWin() throws Exception {
        HookSplit split = split(object("{gitops-sync.jenkins.io/hook: PostSync, argocd.argoproj.io/hook: PreSync,"
                + " gitops-sync.jenkins.io/hook-delete-policy: HookSucceeded, argocd.argoproj.io/hook-delete-policy:"
                + " HookFailed, gitops-sync.jenkins.io/sync-wave: \"2\", argocd.argoproj.io/sync-wave: \"7\"}"));

        assertThat(split.hooks()).singleElement().satisfies(hook -> {
            assertThat(hook.phase()).isEqualTo(HookPhase.POST_SYNC);
            assertThat(hook.deletePolicies()).containsExactly(HookDeletePolicy.HOOK_SUCCEEDED);
            assertThat(hook.wave()).isEqualTo(2);
        });
    }

    @Test
    void shouldPreferTheSyncWaveToHelmsHookWeight() throws Exception {
        HookSplit split = split(object("{helm.sh/hook: post-install, helm.sh/hook-weight: \"9\","
                + " argocd.argoproj.io/sync-wave: \"1\"}"));

        assertThat(split.hooks()).singleElement().extracting(Hook::wave).isEqualTo(1);
    }

    @Test
    void shouldNameAGenerateNameHookPerPhaseFromTheRevisionAndStartAsArgoCdDoes() throws Exception {
        HookSplit split = split("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  generateName: upgrade-sql-schema-
                  annotations: {argocd.argoproj.io/hook: "PreSync,PostSync"}
                """);

        assertThat(split.hooks()).extracting(hook -> hook.object().name()).containsExactly(
                "upgrade-sql-schema-abcdef0-presync-1765000000", "upgrade-sql-schema-abcdef0-postsync-1765000000");
        assertThat(split.hooks().get(0).object().manifest().path("metadata").has("generateName")).isFalse();
        assertThat(split.hooks().get(0).object().origin().toString()).isEqualTo("apps/hooks.yaml:1");
    }

    @Test
    void shouldUseTheWholeRevisionWhenItIsShort() throws Exception {
        List<KubeObject> objects = parse("a.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {generateName: smoke-, annotations: {argocd.argoproj.io/hook: PostSync}}
                """);

        HookSplit split = HookAnnotations.split(objects, "", STARTED);

        assertThat(split.hooks()).singleElement().extracting(hook -> hook.object().name())
                .isEqualTo("smoke-postsync-1765000000");
    }

    @Test
    void shouldLeaveOutSkipDeleteHooksAndHelmTestAndRollbackHooksSayingWhy() throws Exception {
        HookSplit split = split(object("{argocd.argoproj.io/hook: Skip}") + "---\n"
                + object("{argocd.argoproj.io/hook: PostDelete}").replace("name: job", "name: cleanup") + "---\n"
                + object("{helm.sh/hook: test}").replace("name: job", "name: test") + "---\n"
                + object("{helm.sh/hook: pre-rollback}").replace("name: job", "name: rollback"));

        assertThat(split.resources()).isEmpty();
        assertThat(split.hooks()).isEmpty();
        assertThat(split.notApplied()).containsExactly(
                "apps/hooks.yaml:1: Job/job is not applied: argocd.argoproj.io/hook: Skip says to leave it out of the sync",
                "apps/hooks.yaml:2: Job/cleanup is not applied: argocd.argoproj.io/hook: PostDelete runs when an Argo CD"
                        + " application is deleted, which a sync never does",
                "apps/hooks.yaml:3: Job/test is not applied: helm.sh/hook: test is a Helm test hook; a sync runs Helm's"
                        + " install and upgrade hooks only, as Argo CD does",
                "apps/hooks.yaml:4: Job/rollback is not applied: helm.sh/hook: pre-rollback is a Helm pre-rollback hook;"
                        + " a sync runs Helm's install and upgrade hooks only, as Argo CD does");
    }

    @Test
    void shouldTreatSkipWithAPhaseAsAHookAndHelmCrdInstallAsAnOrdinaryObject() throws Exception {
        HookSplit split = split(object("{argocd.argoproj.io/hook: \"Skip,PreSync\"}") + "---\n"
                + object("{helm.sh/hook: crd-install}").replace("name: job", "name: crd"));

        assertThat(split.hooks()).singleElement().extracting(Hook::phase).isEqualTo(HookPhase.PRE_SYNC);
        assertThat(split.resources()).singleElement().extracting(KubeObject::name).isEqualTo("crd");
    }

    @Test
    void shouldNameEveryUnknownValueWithItsFileAndAnnotation() {
        assertThatThrownBy(() -> split(object("{argocd.argoproj.io/hook: presync}") + "---\n"
                + object("{argocd.argoproj.io/hook: PostSync, argocd.argoproj.io/hook-delete-policy: OnSuccess}")
                        .replace("name: job", "name: two") + "---\n"
                + object("{helm.sh/hook: post-instal}").replace("name: job", "name: three") + "---\n"
                + object("{helm.sh/hook: post-install, helm.sh/hook-weight: heavy}").replace("name: job", "name: four")))
                .isInstanceOf(HookAnnotationException.class)
                .satisfies(e -> assertThat(((HookAnnotationException) e).problems()).containsExactly(
                        "apps/hooks.yaml:1: Job/job has annotation argocd.argoproj.io/hook: \"presync\"; \"presync\" is"
                                + " not one of PreSync, Sync, PostSync, SyncFail, Skip (mind the case); fix it in Git",
                        "apps/hooks.yaml:2: Job/two has annotation argocd.argoproj.io/hook-delete-policy: \"OnSuccess\";"
                                + " \"OnSuccess\" is not one of BeforeHookCreation, HookSucceeded, HookFailed; fix it in Git",
                        "apps/hooks.yaml:3: Job/three has annotation helm.sh/hook: \"post-instal\"; \"post-instal\" is not"
                                + " a Helm hook (pre-install, post-install, pre-upgrade, post-upgrade, pre-delete,"
                                + " post-delete, pre-rollback, post-rollback, test); fix the chart or its values",
                        "apps/hooks.yaml:4: Job/four has annotation helm.sh/hook-weight: \"heavy\", which is not an"
                                + " integer; use a whole number such as \"-1\" or \"2\""));
    }
}
