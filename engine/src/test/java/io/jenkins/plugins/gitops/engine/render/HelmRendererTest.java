package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.resource.Origin;
import io.jenkins.plugins.gitops.engine.source.LocalDirectoryTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs Helm for real, through helm-java's native library (the first template of a JVM takes about a second). */
class HelmRendererTest extends RendererContractTest {

    private static final String CHART = "charts/web";

    @Override
    Renderer renderer() {
        return new HelmRenderer(ExecutableFinder.fromEnvironment());
    }

    @Override
    String fixturePrefix() {
        return "helm";
    }

    @Test
    void shouldTemplateTheChartWithCrdsFirstAndItsHooksWithTheirAnnotations() throws RenderException {
        RenderResult result = render("helm-chart", CHART);

        assertThat(result.objects()).extracting(object -> object.ref() + " @ " + object.origin()).containsExactly(
                "CustomResourceDefinition/widgets.example.com @ charts/web/crds/widgets.yaml:1",
                "ConfigMap/web-settings @ charts/web/templates/configmap.yaml",
                "Service/default/web @ charts/web/templates/service.yaml",
                "Pod/web-test @ charts/web/templates/test-hook.yaml",
                "Deployment/web @ charts/web/templates/deployment.yaml");
        // A test hook too: the engine decides what to do with each hook, as Argo CD does.
        assertThat(result.objects().get(3).manifest().at("/metadata/annotations/helm.sh~1hook").asText())
                .isEqualTo("test");
    }

    @Test
    void shouldApplyValuesFilesThenInlineValuesOverTheChartDefaults() throws RenderException {
        RenderOptions prod = options().withHelm(HelmOptions.defaults()
                .withReleaseName("shop")
                .withNamespace("prod")
                .withValuesFiles(List.of("environments/prod-values.yaml"))
                .withValues(Map.of("image", Map.of("tag", "1.28"))));

        List<KubeObject> objects = renderer().render(RenderFixtures.repository("helm-chart", tempDir), CHART, prod)
                .objects();

        assertThat(objects).extracting(KubeObject::toString).contains("Service/prod/shop (charts/web/templates/service.yaml)");
        KubeObject deployment = objects.stream().filter(object -> object.kind().equals("Deployment")).findFirst()
                .orElseThrow();
        assertThat(deployment.manifest().at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(deployment.manifest().at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1.28");
        assertThat(objects.get(1).manifest().at("/data/color").asText()).isEqualTo("green");
    }

    @Test
    void shouldGiveTheChartTheKubernetesVersionWhenOneIsSetAndHelmsDefaultOtherwise() throws Exception {
        Path chart = Files.createDirectories(tempDir.resolve("repo/charts/versioned/templates"));
        Files.writeString(chart.resolveSibling("Chart.yaml"), "apiVersion: v2\nname: versioned\nversion: 1.0.0\n");
        Files.writeString(chart.resolve("configmap.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                + "  name: versioned\ndata:\n  kube: {{ .Capabilities.KubeVersion.Version | quote }}\n");
        LocalDirectoryTree tree = new LocalDirectoryTree(tempDir.resolve("repo"));

        RenderResult defaulted = renderer().render(tree, "charts/versioned", options());
        RenderResult set = renderer().render(tree, "charts/versioned",
                options().withHelm(HelmOptions.defaults().withKubeVersion("1.31.2")));

        // helm-java is built without the Kubernetes version Helm's releases carry: its default is v1.20.0.
        assertThat(defaulted.objects().get(0).manifest().at("/data/kube").asText()).isEqualTo("v1.20.0");
        assertThat(set.objects().get(0).manifest().at("/data/kube").asText()).isEqualTo("v1.31.2");
    }

    @Test
    void shouldLeaveCrdsOutWhenAsked() throws RenderException {
        RenderOptions withoutCrds = options().withHelm(HelmOptions.defaults().withIncludeCrds(false));

        List<KubeObject> objects = renderer().render(RenderFixtures.repository("helm-chart", tempDir), CHART,
                withoutCrds).objects();

        assertThat(objects).extracting(KubeObject::kind).containsExactly("ConfigMap", "Service", "Pod", "Deployment");
    }

    @Test
    void shouldRefuseValuesFileOutsideTheRepository() {
        RenderOptions escaping = options().withHelm(HelmOptions.defaults()
                .withValuesFiles(List.of("../../etc/values.yaml", "/etc/values.yaml")));

        RenderException failure = catchThrowableOfType(RenderException.class, () -> renderer().render(
                RenderFixtures.repository("helm-chart", tempDir), CHART, escaping));

        assertThat(failure.problems()).extracting(RenderProblem::toString).containsExactly(
                ".: values file \"../../etc/values.yaml\" contains '..' and could leave the repository; give a "
                        + "path inside the repository, relative to its root",
                ".: values file \"/etc/values.yaml\" is absolute; give a path relative to the repository root");
    }

    @Test
    void shouldNameMissingValuesFile() {
        RenderOptions missing = options().withHelm(HelmOptions.defaults()
                .withValuesFiles(List.of("environments/staging-values.yaml")));

        RenderException failure = catchThrowableOfType(RenderException.class, () -> renderer().render(
                RenderFixtures.repository("helm-chart", tempDir), CHART, missing));

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.origin()).isEqualTo(Origin.of("environments/staging-values.yaml"));
            assertThat(problem.message()).startsWith("no such values file in folder ");
        });
    }

    @Test
    void shouldReportTemplateErrorsAndRenderNothing() {
        RenderException failure = failure("helm-template-error", "");

        assertThat(failure.problems()).singleElement().satisfies(problem -> assertThat(problem.message())
                .startsWith("helm template failed: ")
                .contains("set .Values.name")
                .endsWith("; fix the chart or its values"));
    }

    @Test
    void shouldFailWhenFolderHasNoChart() {
        RenderException failure = failure("helm-chart", "environments");

        assertThat(failure).hasMessage("environments: no Chart.yaml in this folder; give the folder of a Helm "
                + "chart, or choose another renderer");
    }

    @Test
    void shouldSayHowToGetHelmWhenTheBinaryIsNotFound() {
        RenderOptions binary = options().withHelm(HelmOptions.defaults().withTool(HelmTool.BINARY));
        HelmRenderer nothingOnPath = new HelmRenderer(new ExecutableFinder(tempDir.toString()));

        RenderException failure = catchThrowableOfType(RenderException.class, () -> nothingOnPath.render(
                RenderFixtures.repository("helm-chart", tempDir), CHART, binary));

        assertThat(failure).hasMessage("charts/web: helm: not found on PATH; install Helm 3 on the controller, set "
                + "the helm executable, or use the bundled Helm library");
    }

    @Test
    void shouldPassReleaseNamespaceCapabilitiesAndValuesToTheHelmBinaryAndKeepItsHooks() throws Exception {
        Path arguments = tempDir.resolve("arguments.txt");
        Path helm = tempDir.resolve("bin/helm");
        Files.createDirectories(helm.getParent());
        // A stand-in for helm: records its arguments and prints a template's output, then a hook's, as helm does.
        Files.writeString(helm, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + arguments + "'\n"
                + "printf -- '---\\n# Source: web/templates/cm.yaml\\napiVersion: v1\\nkind: ConfigMap\\n"
                + "metadata:\\n  name: from-binary\\n'\n"
                + "printf -- '---\\n# Source: web/templates/migrate.yaml\\napiVersion: batch/v1\\nkind: Job\\n"
                + "metadata:\\n  name: migrate\\n  annotations:\\n    helm.sh/hook: pre-upgrade\\n'\n");
        helm.toFile().setExecutable(true);
        LocalDirectoryTree tree = RenderFixtures.repository("helm-chart", tempDir);
        RenderOptions binary = options().withHelm(HelmOptions.defaults().withTool(HelmTool.BINARY)
                .withReleaseName("shop").withNamespace("prod")
                .withValuesFiles(List.of("environments/prod-values.yaml"))
                .withKubeVersion("v1.28.3")
                .withApiVersions(List.of("policy/v1", "policy/v1/PodDisruptionBudget")));

        RenderResult result = new HelmRenderer(new ExecutableFinder(helm.getParent().toString()))
                .render(tree, CHART, binary);

        assertThat(result.objects()).extracting(object -> object.name() + " @ " + object.origin())
                .endsWith("from-binary @ charts/web/templates/cm.yaml", "migrate @ charts/web/templates/migrate.yaml");
        assertThat(Files.readAllLines(arguments)).containsExactly("template", "shop",
                tree.root().resolve(CHART).toString(), "--namespace", "prod", "--kube-version", "v1.28.3",
                "--api-versions", "policy/v1", "--api-versions", "policy/v1/PodDisruptionBudget",
                "--values", tree.root().resolve("environments/prod-values.yaml").toString());
    }
}
