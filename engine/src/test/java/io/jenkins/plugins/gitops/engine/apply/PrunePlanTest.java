package io.jenkins.plugins.gitops.engine.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.cluster.LiveObjects;
import io.jenkins.plugins.gitops.engine.cluster.Ownership;
import io.jenkins.plugins.gitops.engine.cluster.ResourceType;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every prune guard on its own, without a cluster: what is listed, what is declared, what is decided. */
class PrunePlanTest {

    private static final ResourceType CONFIG_MAPS = new ResourceType("", "v1", "ConfigMap", "configmaps", true);
    private static final Map<String, ResourceType> TYPES = Map.of("/ConfigMap", CONFIG_MAPS);

    private final Ownership ours = new Ownership("shop/prod");
    private LiveObjects live;

    @BeforeEach
    void listConfigMaps() {
        live = new LiveObjects();
    }

    private ObjectNode configMap(String name, Ownership owner) {
        ObjectNode object = new ObjectMapper().createObjectNode();
        object.put("apiVersion", "v1").put("kind", "ConfigMap");
        object.putObject("metadata").put("name", name).put("namespace", "shop");
        if (owner != null) {
            owner.mark(object);
        }
        return object;
    }

    private void list(ObjectNode... objects) {
        for (ObjectNode object : objects) {
            live.put(CONFIG_MAPS, object);
        }
        live.markListed(CONFIG_MAPS, "shop");
    }

    private static ObjectRef ref(String name) {
        return new ObjectRef("", "ConfigMap", "shop", name);
    }

    @Test
    void shouldDeleteOurExtraObjectWhenPruningIsOn() {
        list(configMap("declared", ours), configMap("removed-from-git", ours));

        PrunePlan plan = PrunePlan.compute(Set.of(ref("declared")), live, TYPES, ours, true, false);

        assertThat(plan.deletions()).extracting(PrunePlan.Candidate::ref).containsExactly(ref("removed-from-git"));
    }

    @Test
    void shouldReportButNotDeleteWhenPruningIsOff() {
        list(configMap("declared", ours), configMap("removed-from-git", ours));

        PrunePlan plan = PrunePlan.compute(Set.of(ref("declared")), live, TYPES, ours, false, false);

        assertThat(plan.deletions()).isEmpty();
        assertThat(plan.candidates()).singleElement().satisfies(c -> assertThat(c.reason()).contains("pruning is off"));
    }

    @Test
    void shouldNeverDeleteWhenGitDeclaresNothingUnlessEmptyIsAllowed() {
        list(configMap("a", ours), configMap("b", ours));

        assertThat(PrunePlan.compute(Set.of(), live, TYPES, ours, true, false).deletions()).isEmpty();
        assertThat(PrunePlan.compute(Set.of(), live, TYPES, ours, true, true).deletions()).hasSize(2);
    }

    @Test
    void shouldNeverTouchObjectsOfAnotherEnvironmentOrWithoutMarks() {
        Ownership staging = new Ownership("shop/staging");
        ObjectNode impostor = configMap("same-label-other-identity", ours);
        ((ObjectNode) impostor.path("metadata").path("annotations")).put(Ownership.ENVIRONMENT_ANNOTATION, "shop/prod2");
        list(configMap("theirs", staging), configMap("nobodys", null), impostor);

        PrunePlan plan = PrunePlan.compute(Set.of(), live, TYPES, ours, true, true);

        assertThat(plan.candidates()).isEmpty();
    }

    @Test
    void shouldNeverDeleteAnObjectAnnotatedPruneFalse() {
        ObjectNode keep = configMap("keep", ours);
        ((ObjectNode) keep.path("metadata").path("annotations")).put(PrunePlan.PRUNE_ANNOTATION, "false");
        list(keep);

        PrunePlan plan = PrunePlan.compute(Set.of(ref("other")), live, TYPES, ours, true, false);

        assertThat(plan.deletions()).isEmpty();
        assertThat(plan.candidates()).singleElement().satisfies(c -> assertThat(c.reason()).contains("annotated"));
    }

    @Test
    void shouldNeverDeleteAnObjectWhoseKindWasNotListedCompletely() {
        live.put(CONFIG_MAPS, configMap("seen-on-a-partial-list", ours)); // no markListed: the listing failed

        PrunePlan plan = PrunePlan.compute(Set.of(ref("other")), live, TYPES, ours, true, false);

        assertThat(plan.deletions()).isEmpty();
        assertThat(plan.candidates()).singleElement().satisfies(c -> assertThat(c.reason()).contains("not listed completely"));
    }

    private ObjectNode annotated(String name, String key, String value) {
        ObjectNode object = configMap(name, ours);
        ((ObjectNode) object.path("metadata").path("annotations")).put(key, value);
        return object;
    }

    @Test
    void shouldKeepWhatArgoFluxAndHelmKeepAndSayWhichAnnotationKeptIt() {
        list(annotated("argo", ObjectSyncOptions.ARGO_SYNC_OPTIONS, "Prune=false"),
                annotated("flux", ObjectSyncOptions.FLUX_PRUNE, "Disabled"),
                annotated("flux-off", ObjectSyncOptions.FLUX_RECONCILE, "disabled"),
                annotated("helm", ObjectSyncOptions.HELM_RESOURCE_POLICY, "keep"),
                annotated("own", PrunePlan.PRUNE_ANNOTATION, "disabled"));

        PrunePlan plan = PrunePlan.compute(Set.of(ref("other")), live, TYPES, ours, true, false);

        assertThat(plan.deletions()).isEmpty();
        assertThat(plan.candidates()).extracting(PrunePlan.Candidate::reason).containsExactlyInAnyOrder(
                "not pruned: annotated argocd.argoproj.io/sync-options: Prune=false",
                "not pruned: annotated kustomize.toolkit.fluxcd.io/prune: Disabled",
                "not pruned: annotated kustomize.toolkit.fluxcd.io/reconcile: disabled",
                "not pruned: annotated helm.sh/resource-policy: keep",
                "not pruned: annotated gitops-sync.jenkins.io/prune: disabled");
    }

    @Test
    void shouldKeepAnObjectThatAsksForAConfirmationAndSayHowToRemoveIt() {
        list(annotated("confirm", ObjectSyncOptions.ARGO_SYNC_OPTIONS, "Prune=confirm"));

        PrunePlan plan = PrunePlan.compute(Set.of(ref("other")), live, TYPES, ours, true, false);

        assertThat(plan.deletions()).isEmpty();
        assertThat(plan.candidates()).singleElement().satisfies(c -> assertThat(c.reason())
                .contains("Prune=confirm").contains("takes no confirmation").contains("kubectl delete"));
    }

    @Test
    void shouldKeepAnObjectWhoseAnnotationsAreNotUnderstood() {
        list(annotated("odd", ObjectSyncOptions.ARGO_SYNC_OPTIONS, "Prune=maybe"));

        PrunePlan plan = PrunePlan.compute(Set.of(ref("other")), live, TYPES, ours, true, false);

        assertThat(plan.deletions()).isEmpty();
        assertThat(plan.candidates()).singleElement().satisfies(c -> assertThat(c.reason()).contains("not understood"));
    }

    @Test
    void shouldPruneObjectsMarkedPruneLastAfterAllOthersAndHigherWavesFirst() {
        list(annotated("last", ObjectSyncOptions.ARGO_SYNC_OPTIONS, "PruneLast=true"),
                annotated("own-last", ObjectSyncOptions.PRUNE_LAST, "true"),
                annotated("wave-5", ApplyOrder.ARGO_SYNC_WAVE_ANNOTATION, "5"),
                configMap("wave-0", ours),
                annotated("wave-minus-1", ApplyOrder.SYNC_WAVE_ANNOTATION, "-1"));

        PrunePlan plan = PrunePlan.compute(Set.of(ref("other")), live, TYPES, ours, true, false);

        assertThat(plan.deletions()).extracting(c -> c.ref().name())
                .containsExactly("wave-5", "wave-0", "wave-minus-1", "own-last", "last");
        assertThat(plan.deletions()).filteredOn(PrunePlan.Candidate::pruneLast).extracting(PrunePlan.Candidate::reason)
                .containsOnly("pruned: no longer in Git; last, as annotated");
    }

    @Test
    void shouldMarkAnExtraObjectThatLeavesTheSyncStatusAlone() {
        list(annotated("extraneous", ObjectSyncOptions.ARGO_COMPARE_OPTIONS, "IgnoreExtraneous"), configMap("plain", ours));

        PrunePlan plan = PrunePlan.compute(Set.of(ref("other")), live, TYPES, ours, false, false);

        assertThat(plan.candidates()).filteredOn(PrunePlan.Candidate::ignoredForSyncStatus)
                .extracting(c -> c.ref().name()).containsExactly("extraneous");
    }
}
