package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.resource.Origin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where helm-java's {@code .Capabilities.APIVersions} tells a chart something else than Helm would with the
 * cluster's API versions.
 *
 * <p>helm-java's native {@code Template} takes no API versions: it always answers with Helm's built-in set
 * ({@link #HELM_JAVA_DEFAULTS}, group/versions only, no kinds). Its other exported functions either do not
 * render ({@code Lint}, {@code Show}) or return only a status report, not the manifests ({@code Install} and
 * {@code Upgrade} with a dry run, the one way Helm asks a cluster for its capabilities). So the engine cannot
 * give helm-java the cluster's API versions; it reads the chart's templates instead and warns at each
 * {@code .Capabilities.APIVersions.Has "x"} whose answer the cluster's API versions would turn from false to
 * true, so that the user can switch to the helm binary, which is given them.
 *
 * <p>Only literal arguments are checked: a version built at render time ({@code printf}) is not known here.
 */
final class HelmCapabilities {

    /**
     * What helm-java 0.0.21 (Helm 3.21) answers for {@code .Capabilities.APIVersions}: client-go's scheme plus
     * apiextensions. {@code HelmCapabilitiesTest} checks it against helm-java itself, so an upgrade that changes it
     * fails there.
     */
    static final Set<String> HELM_JAVA_DEFAULTS = Set.of("v1", "admissionregistration.k8s.io/v1",
            "admissionregistration.k8s.io/v1alpha1", "admissionregistration.k8s.io/v1beta1",
            "internal.apiserver.k8s.io/v1alpha1", "apps/v1", "apps/v1beta1", "apps/v1beta2",
            "authentication.k8s.io/v1", "authentication.k8s.io/v1alpha1", "authentication.k8s.io/v1beta1",
            "authorization.k8s.io/v1", "authorization.k8s.io/v1beta1", "autoscaling/v1", "autoscaling/v2",
            "autoscaling/v2beta1", "autoscaling/v2beta2", "batch/v1", "batch/v1beta1", "certificates.k8s.io/v1",
            "certificates.k8s.io/v1beta1", "certificates.k8s.io/v1alpha1", "coordination.k8s.io/v1alpha2",
            "coordination.k8s.io/v1beta1", "coordination.k8s.io/v1", "discovery.k8s.io/v1",
            "discovery.k8s.io/v1beta1", "events.k8s.io/v1", "events.k8s.io/v1beta1", "extensions/v1beta1",
            "flowcontrol.apiserver.k8s.io/v1", "flowcontrol.apiserver.k8s.io/v1beta1",
            "flowcontrol.apiserver.k8s.io/v1beta2", "flowcontrol.apiserver.k8s.io/v1beta3", "networking.k8s.io/v1",
            "networking.k8s.io/v1beta1", "node.k8s.io/v1", "node.k8s.io/v1alpha1", "node.k8s.io/v1beta1",
            "policy/v1", "policy/v1beta1", "rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1beta1",
            "rbac.authorization.k8s.io/v1alpha1", "resource.k8s.io/v1", "resource.k8s.io/v1beta2",
            "resource.k8s.io/v1beta1", "resource.k8s.io/v1alpha3", "scheduling.k8s.io/v1alpha1",
            "scheduling.k8s.io/v1beta1", "scheduling.k8s.io/v1", "storage.k8s.io/v1beta1", "storage.k8s.io/v1",
            "storage.k8s.io/v1alpha1", "storagemigration.k8s.io/v1beta1", "apiextensions.k8s.io/v1beta1",
            "apiextensions.k8s.io/v1");

    /** {@code .Capabilities.APIVersions.Has "policy/v1"}, also as {@code $.Capabilities…}; quoted or raw string. */
    private static final Pattern HAS = Pattern.compile("Capabilities\\.APIVersions\\.Has\\s+[\"`]([^\"`\\s]+)[\"`]");

    private HelmCapabilities() {
    }

    /**
     * Warns at every template of the chart (subcharts included) that asks for an API version the caller offers
     * but helm-java's built-in set lacks: helm-java answers false where Helm, given the cluster's API versions,
     * would answer true.
     *
     * @param chartFolder the chart on the local disk
     * @param chart the chart's repository path, for the warnings' origins
     * @param offered the API versions the chart should be told of (the cluster's, or the caller's)
     */
    static void warnWhereHelmJavaAnswersDifferently(Path chartFolder, String chart, List<String> offered,
            RenderLimits limits, Problems problems) {
        Set<String> missing = new HashSet<>(offered);
        missing.removeAll(HELM_JAVA_DEFAULTS);
        if (missing.isEmpty()) {
            return;
        }
        for (Path template : templates(chartFolder, limits)) {
            String text;
            try {
                text = Files.readString(template, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                continue; // not text, or gone: Helm reports a template it cannot read
            }
            String file = RepositoryPaths.join(chart, chartFolder.relativize(template).toString().replace('\\', '/'));
            Set<String> warned = new HashSet<>();
            Matcher has = HAS.matcher(text);
            while (has.find()) {
                String version = has.group(1);
                if (missing.contains(version) && warned.add(version)) {
                    problems.warn(new Origin(file, line(text, has.start())), ".Capabilities.APIVersions.Has \""
                            + version + "\" is false with helm-java, although " + version + " is among the "
                            + "cluster's API versions: helm-java offers charts only Helm's built-in API versions; "
                            + "a helm binary (HelmTool.BINARY; on the command line, --helm-executable) is given them");
                }
            }
        }
    }

    /** The files below a {@code templates} folder of the chart or of its unpacked subcharts. */
    private static List<Path> templates(Path chartFolder, RenderLimits limits) {
        List<Path> templates = new ArrayList<>();
        try (Stream<Path> files = Files.walk(chartFolder, FileVisitOption.FOLLOW_LINKS)) {
            files.filter(file -> isTemplate(chartFolder.relativize(file)))
                    .filter(Files::isRegularFile)
                    .filter(file -> size(file) <= limits.maxFileBytes())
                    .forEach(templates::add);
        } catch (IOException | RuntimeException e) {
            // A folder that cannot be walked fails Helm's own load, which says why.
        }
        return templates;
    }

    private static boolean isTemplate(Path relative) {
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            if (relative.getName(i).toString().equals("templates")) {
                return true;
            }
        }
        return false;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    private static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
