package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.resource.Origin;
import io.jenkins.plugins.gitops.engine.source.LocalDirectoryTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a chart is told about its cluster ({@code .Capabilities}) through helm-java: the Kubernetes version given,
 * and Helm's built-in API versions, with a warning at each template that asks about one of the cluster's that
 * helm-java answers differently. The helm binary is given the API versions: {@link HelmRendererTest}.
 */
class HelmCapabilitiesTest {

    private static final String CHART = "charts/caps";
    private static final List<String> CLUSTER_API_VERSIONS = List.of("v1", "apps/v1", "apps/v1/Deployment",
            "policy/v1", "policy/v1/PodDisruptionBudget");

    @TempDir
    Path tempDir;

    private final HelmRenderer renderer = new HelmRenderer(ExecutableFinder.fromEnvironment());

    @Test
    void shouldGiveTheChartTheKubernetesVersionAndWarnWhereTheClustersApiVersionsWouldAnswerDifferently()
            throws Exception {
        LocalDirectoryTree tree = RenderFixtures.repository("helm-capabilities", tempDir);
        RenderOptions asTheCluster = RenderOptions.defaults().withHelm(HelmOptions.defaults()
                .withKubeVersion("1.28").withApiVersions(CLUSTER_API_VERSIONS));

        RenderResult result = renderer.render(tree, CHART, asTheCluster);

        KubeObject capabilities = result.objects().get(0);
        assertThat(capabilities.manifest().get("data").toString()).isEqualTo("{\"kubeVersion\":\"v1.28.0\","
                + "\"policyV1\":\"true\",\"podDisruptionBudgetKind\":\"false\"}");
        assertThat(result.objects()).extracting(KubeObject::kind).containsExactly("ConfigMap");
        String warning = " is false with helm-java, although policy/v1/PodDisruptionBudget is among the cluster's API"
                + " versions: helm-java offers charts only Helm's built-in API versions; a helm binary (HelmTool.BINARY;"
                + " on the command line, --helm-executable) is given them";
        assertThat(result.warnings()).extracting(RenderProblem::toString).containsExactlyInAnyOrder(
                "charts/caps/templates/capabilities.yaml:9: .Capabilities.APIVersions.Has "
                        + "\"policy/v1/PodDisruptionBudget\"" + warning,
                "charts/caps/templates/pdb.yaml:1: .Capabilities.APIVersions.Has \"policy/v1/PodDisruptionBudget\""
                        + warning);
    }

    @Test
    void shouldNotWarnWithoutApiVersionsToOffer() throws Exception {
        LocalDirectoryTree tree = RenderFixtures.repository("helm-capabilities", tempDir);

        RenderResult result = renderer.render(tree, CHART, RenderOptions.defaults()
                .withHelm(HelmOptions.defaults().withKubeVersion("v1.30.1")));

        assertThat(result.warnings()).isEmpty();
        assertThat(result.objects().get(0).manifest().at("/data/kubeVersion").asText()).isEqualTo("v1.30.1");
    }

    @Test
    void shouldNameChartYamlAndTheVersionWhenTheKubeVersionConstraintIsNotMet() {
        LocalDirectoryTree tree = RenderFixtures.repository("helm-capabilities", tempDir);

        RenderException withHelmsDefault = catchThrowableOfType(RenderException.class,
                () -> renderer.render(tree, CHART, RenderOptions.defaults()));
        RenderException withAnOldCluster = catchThrowableOfType(RenderException.class,
                () -> renderer.render(tree, CHART, RenderOptions.defaults()
                        .withHelm(HelmOptions.defaults().withKubeVersion("v1.22.9"))));

        assertThat(withHelmsDefault.problems()).extracting(RenderProblem::toString).containsExactly(
                "charts/caps/Chart.yaml: the chart requires Kubernetes >=1.23.0-0 (kubeVersion), which v1.20.0,"
                        + " Helm's default, does not meet; render for the target cluster (its version is then used)"
                        + " or give its Kubernetes version (render --kube-version)");
        assertThat(withAnOldCluster.problems()).extracting(RenderProblem::origin)
                .containsExactly(Origin.of("charts/caps/Chart.yaml"));
        assertThat(withAnOldCluster.problems().get(0).message()).startsWith("the chart requires Kubernetes "
                + ">=1.23.0-0 (kubeVersion), which v1.22.9, the target cluster's version (or the one given), does"
                + " not meet");
    }

    /** The built-in set the warnings compare with is helm-java's own: an upgrade that changes it fails here. */
    @Test
    void shouldKnowHelmJavasBuiltInApiVersions() throws Exception {
        Path chart = Files.createDirectories(tempDir.resolve("repo/probe/templates"));
        Files.writeString(chart.resolveSibling("Chart.yaml"), "apiVersion: v2\nname: probe\nversion: 1.0.0\n");
        Files.writeString(chart.resolve("probe.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: probe\n"
                + "data:\n  apiVersions: {{ .Capabilities.APIVersions | toJson | quote }}\n");

        RenderResult result = renderer.render(new LocalDirectoryTree(tempDir.resolve("repo")), "probe",
                RenderOptions.defaults());

        JsonNode answered = JsonMapper.builder().build()
                .readTree(result.objects().get(0).manifest().at("/data/apiVersions").asText());
        Set<String> versions = new HashSet<>();
        answered.forEach(version -> versions.add(version.asText()));
        assertThat(versions).isEqualTo(HelmCapabilities.HELM_JAVA_DEFAULTS);
    }
}
