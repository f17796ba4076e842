package io.jenkins.plugins.gitops.engine.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.apply.ObjectSyncOptions.ApplyMode;
import io.jenkins.plugins.gitops.engine.apply.ObjectSyncOptions.PruneRule;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each Argo CD, Flux, Helm and own annotation on its own, and which wins when several are set: Argo CD's lists
 * exactly and case-sensitively, Flux's values without regard to case and in labels too, this project's first.
 */
class ObjectSyncOptionsTest {

    private static ObjectNode object(Map<String, String> annotations, Map<String, String> labels) {
        ObjectNode object = new ObjectMapper().createObjectNode();
        object.put("apiVersion", "v1").put("kind", "ConfigMap");
        ObjectNode metadata = object.putObject("metadata").put("name", "settings");
        annotations.forEach(metadata.putObject("annotations")::put);
        labels.forEach(metadata.putObject("labels")::put);
        return object;
    }

    private static ObjectSyncOptions annotated(String... keyValues) {
        Map<String, String> annotations = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            annotations.put(keyValues[i], keyValues[i + 1]);
        }
        return ObjectSyncOptions.of(object(annotations, Map.of()));
    }

    private static ObjectSyncOptions argo(String syncOptions) {
        return annotated(ObjectSyncOptions.ARGO_SYNC_OPTIONS, syncOptions);
    }

    @Test
    void shouldPruneAndApplyByDefault() {
        ObjectSyncOptions options = annotated();

        assertThat(options.applyMode()).isEqualTo(ApplyMode.OVERRIDE);
        assertThat(options.pruneRule()).isEqualTo(PruneRule.PRUNE);
        assertThat(options.pruneLast()).isFalse();
        assertThat(options.ignoreExtraneous()).isFalse();
        assertThat(options.skipDryRunOnMissingResource()).isFalse();
        assertThat(options.recreateOnImmutableChange()).isFalse();
        assertThat(options.warnings()).isEmpty();
    }

    @Test
    void shouldReadArgoSyncOptionsSplitOnCommasAndTrimmed() {
        ObjectSyncOptions options = argo(" Prune=false ,, PruneLast=true,SkipDryRunOnMissingResource=true ");

        assertThat(options.pruneRule()).isEqualTo(PruneRule.KEEP);
        assertThat(options.pruneSource()).startsWith(ObjectSyncOptions.ARGO_SYNC_OPTIONS);
        assertThat(options.pruneLast()).isTrue();
        assertThat(options.skipDryRunOnMissingResource()).isTrue();
        assertThat(options.warnings()).isEmpty();
    }

    @Test
    void shouldKeepAnObjectThatAsksForAPruneConfirmation() {
        assertThat(argo("Prune=confirm").pruneRule()).isEqualTo(PruneRule.CONFIRM);
    }

    @Test
    void shouldRecreateOnReplaceOrForce() {
        assertThat(argo("Replace=true").recreateOnImmutableChange()).isTrue();
        assertThat(argo("Force=true,Replace=true").recreateOnImmutableChange()).isTrue();
        assertThat(argo("Replace=false").recreateOnImmutableChange()).isFalse();
    }

    @Test
    void shouldAcceptWhatTheEngineAlwaysDoesWithoutAWord() {
        ObjectSyncOptions options = argo("ServerSideApply=true,Validate=false,ServerSideDiff=true,Delete=false,"
                + "Delete=confirm,ApplyOutOfSyncOnly=true,Prune=true");

        assertThat(options.warnings()).isEmpty();
        assertThat(options.pruneRule()).isEqualTo(PruneRule.PRUNE);
    }

    @Test
    void shouldWarnAboutAnUnknownOptionAndIgnoreItAsArgoDoes() {
        ObjectSyncOptions options = argo("Prune=false,NoSuchOption=true,prune=false");

        assertThat(options.pruneRule()).isEqualTo(PruneRule.KEEP);
        assertThat(options.warnings()).containsExactly(
                ObjectSyncOptions.ARGO_SYNC_OPTIONS + ": \"NoSuchOption=true\" is not an Argo CD sync option; ignored,"
                        + " as Argo CD ignores it",
                ObjectSyncOptions.ARGO_SYNC_OPTIONS + ": \"prune=false\" is not an Argo CD sync option (did you mean"
                        + " Prune? Argo CD's options are case-sensitive); ignored, as Argo CD ignores it");
    }

    @Test
    void shouldNotPruneOnALowerCasePruneFalseAsArgoWouldNot() {
        assertThat(argo("prune=false").pruneRule()).isEqualTo(PruneRule.PRUNE);
    }

    @Test
    void shouldRefuseABadValueOfAKnownOptionNamingTheAnnotation() {
        assertThatThrownBy(() -> argo("Prune=maybe"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("annotation argocd.argoproj.io/sync-options: \"Prune=maybe\": Prune takes false or confirm"
                        + " or true (exactly, as Argo CD compares them); fix it in Git");
        assertThatThrownBy(() -> argo("PruneLast=True")).hasMessageContaining("PruneLast takes true or false");
    }

    @Test
    void shouldWarnThatApplicationOptionsOnAnObjectAreIgnored() {
        assertThat(argo("CreateNamespace=true").warnings()).singleElement().asString()
                .contains("CreateNamespace is an option of an Argo CD Application, not of an object; ignored");
        assertThat(argo("ServerSideApply=false").warnings()).singleElement().asString()
                .contains("always applies server-side");
    }

    @Test
    void shouldReadIgnoreExtraneousFromCompareOptions() {
        ObjectSyncOptions options = annotated(ObjectSyncOptions.ARGO_COMPARE_OPTIONS,
                "IgnoreExtraneous, ServerSideDiff=true, IncludeMutationWebhook=true");

        assertThat(options.ignoreExtraneous()).isTrue();
        assertThat(options.ignoreExtraneousSource()).startsWith(ObjectSyncOptions.ARGO_COMPARE_OPTIONS);
        assertThat(options.warnings()).isEmpty();
        assertThat(annotated(ObjectSyncOptions.ARGO_COMPARE_OPTIONS, "ignoreextraneous").warnings()).singleElement()
                .asString().contains("did you mean IgnoreExtraneous?");
    }

    @Test
    void shouldKeepAnObjectHelmKeeps() {
        ObjectSyncOptions options = annotated(ObjectSyncOptions.HELM_RESOURCE_POLICY, "keep");

        assertThat(options.pruneRule()).isEqualTo(PruneRule.KEEP);
        assertThat(options.pruneSource()).isEqualTo("helm.sh/resource-policy: keep");
    }

    @Test
    void shouldReadFluxPruneDisabledInAnnotationsAndLabelsWithoutRegardToCase() {
        assertThat(annotated(ObjectSyncOptions.FLUX_PRUNE, "Disabled").pruneRule()).isEqualTo(PruneRule.KEEP);
        assertThat(ObjectSyncOptions.of(object(Map.of(), Map.of(ObjectSyncOptions.FLUX_PRUNE, "disabled"))).pruneRule())
                .isEqualTo(PruneRule.KEEP);
        assertThat(annotated(ObjectSyncOptions.FLUX_PRUNE, "enabled").pruneRule()).isEqualTo(PruneRule.PRUNE);
    }

    @Test
    void shouldNeitherApplyNorPruneWhatFluxMayNotReconcile() {
        ObjectSyncOptions options = ObjectSyncOptions.of(object(Map.of(),
                Map.of(ObjectSyncOptions.FLUX_RECONCILE, "Disabled")));

        assertThat(options.applyMode()).isEqualTo(ApplyMode.IGNORE);
        assertThat(options.applyModeSource()).isEqualTo("kustomize.toolkit.fluxcd.io/reconcile: Disabled");
        assertThat(options.pruneRule()).isEqualTo(PruneRule.KEEP);
        assertThat(annotated(ObjectSyncOptions.FLUX_RECONCILE, "enabled").applyMode()).isEqualTo(ApplyMode.OVERRIDE);
    }

    @Test
    void shouldReadFluxSsaAndForceInLabelsToo() {
        ObjectSyncOptions options = ObjectSyncOptions.of(object(Map.of(),
                Map.of(ObjectSyncOptions.FLUX_SSA, "ifnotpresent", ObjectSyncOptions.FLUX_FORCE, "Enabled")));

        assertThat(options.applyMode()).isEqualTo(ApplyMode.IF_NOT_PRESENT);
        assertThat(options.recreateOnImmutableChange()).isTrue();
    }

    @Test
    void shouldLetOwnAnnotationsWinOverArgoAndFlux() {
        assertThat(annotated(ObjectSyncOptions.PRUNE, "true", ObjectSyncOptions.FLUX_PRUNE, "disabled",
                ObjectSyncOptions.ARGO_SYNC_OPTIONS, "Prune=false").pruneRule()).isEqualTo(PruneRule.PRUNE);
        assertThat(annotated(ObjectSyncOptions.PRUNE, "disabled").pruneRule()).isEqualTo(PruneRule.KEEP);
        assertThat(annotated(ObjectSyncOptions.PRUNE_LAST, "false", ObjectSyncOptions.ARGO_SYNC_OPTIONS,
                "PruneLast=true").pruneLast()).isFalse();
        assertThat(annotated(ObjectSyncOptions.PRUNE_LAST, "true").pruneLast()).isTrue();
        assertThat(annotated(ObjectSyncOptions.IGNORE_EXTRANEOUS, "false", ObjectSyncOptions.ARGO_COMPARE_OPTIONS,
                "IgnoreExtraneous").ignoreExtraneous()).isFalse();
        assertThat(annotated(ObjectSyncOptions.SSA, "Override", ObjectSyncOptions.FLUX_RECONCILE, "disabled")
                .applyMode()).isEqualTo(ApplyMode.OVERRIDE);
        assertThat(annotated(ObjectSyncOptions.FORCE, "disabled", ObjectSyncOptions.ARGO_SYNC_OPTIONS, "Replace=true")
                .recreateOnImmutableChange()).isFalse();
    }

    @Test
    void shouldRefuseAnOwnOrFluxValueItDoesNotKnow() {
        assertThatThrownBy(() -> annotated(ObjectSyncOptions.PRUNE, "never"))
                .hasMessage("annotation gitops-sync.jenkins.io/prune: \"never\" is not one of enabled, disabled; fix it in Git");
        assertThatThrownBy(() -> annotated(ObjectSyncOptions.FLUX_RECONCILE, "off"))
                .hasMessageContaining("kustomize.toolkit.fluxcd.io/reconcile");
        assertThatThrownBy(() -> annotated(ObjectSyncOptions.FLUX_SSA, "Sometimes"))
                .hasMessageContaining("not one of Override, Merge, IfNotPresent, Ignore");
    }
}
