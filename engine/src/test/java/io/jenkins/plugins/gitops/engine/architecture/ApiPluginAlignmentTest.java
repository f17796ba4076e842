package io.jenkins.plugins.gitops.engine.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Inside Jenkins the engine does not bundle fabric8, JGit, Jackson or SnakeYAML: the API plugins that the
 * plugin (../pom.xml) depends on provide them. The engine must therefore compile and be tested against
 * exactly the versions those plugin releases carry, or CI proves the engine on libraries that Jenkins
 * never loads. This test fails as soon as one of the two POMs moves without the other.
 */
class ApiPluginAlignmentTest {

    /**
     * git-client's version does not spell the JGit version it bundles; this table does. Source:
     * jenkinsci/git-client-plugin, pom.xml property {@code jgit.version} at each release tag.
     */
    private static final Map<String, String> JGIT_BUNDLED_BY_GIT_CLIENT = Map.of(
            "6.3.3", "7.3.0.202506031305-r",
            "6.4.0", "7.4.0.202509020913-r",
            "6.4.3", "7.4.0.202509020913-r",
            "6.5.0", "7.5.0.202512021534-r");

    private static Map<String, String> engine;
    private static Map<String, String> plugin;

    @BeforeAll
    static void readBothPoms() throws Exception {
        Path enginePom = Path.of("pom.xml").toAbsolutePath();
        Path pluginPom = enginePom.getParent().getParent().resolve("pom.xml");
        engine = propertiesOf(enginePom);
        plugin = propertiesOf(pluginPom);
    }

    @Test
    void shouldCompileAgainstTheFabric8VersionOfKubernetesClientApi() {
        assertThat(engine.get("fabric8.version"))
                .as("fabric8 in engine/pom.xml vs kubernetes-client-api %s in pom.xml",
                        plugin.get("kubernetes-client-api.version"))
                .isEqualTo(libraryVersionOf(plugin.get("kubernetes-client-api.version")));
    }

    @Test
    void shouldCompileAgainstTheJacksonVersionOfJackson2Api() {
        assertThat(engine.get("jackson.version"))
                .as("Jackson in engine/pom.xml vs jackson2-api %s in pom.xml", plugin.get("jackson2-api.version"))
                .isEqualTo(libraryVersionOf(plugin.get("jackson2-api.version")));
    }

    @Test
    void shouldCompileAgainstTheSnakeYamlVersionOfSnakeYamlApi() {
        assertThat(engine.get("snakeyaml.version"))
                .as("SnakeYAML in engine/pom.xml vs snakeyaml-api %s in pom.xml", plugin.get("snakeyaml-api.version"))
                .isEqualTo(libraryVersionOf(plugin.get("snakeyaml-api.version")));
    }

    @Test
    void shouldCompileAgainstTheJGitVersionOfGitClient() {
        String gitClient = plugin.get("git-client.version");
        assertThat(JGIT_BUNDLED_BY_GIT_CLIENT)
                .as("git-client %s in pom.xml is not in the table of known JGit versions; add it", gitClient)
                .containsKey(gitClient);
        assertThat(engine.get("jgit.version"))
                .as("JGit in engine/pom.xml vs git-client %s in pom.xml", gitClient)
                .isEqualTo(JGIT_BUNDLED_BY_GIT_CLIENT.get(gitClient));
    }

    @Test
    void shouldBundleTheSameHelmJavaInBothBuilds() {
        assertThat(engine.get("helm-java.version")).isEqualTo(plugin.get("helm-java.version"));
    }

    /** API plugin versions are "{library version}-{build}.v{hash}", e.g. 7.3.1-256.v788a_0b_787114. */
    private static String libraryVersionOf(String apiPluginVersion) {
        assertThat(apiPluginVersion).as("API plugin version property").isNotBlank().contains("-");
        return apiPluginVersion.substring(0, apiPluginVersion.indexOf('-'));
    }

    private static Map<String, String> propertiesOf(Path pom) throws Exception {
        assertThat(pom).as("POM to compare").exists();
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var document = factory.newDocumentBuilder().parse(pom.toFile());
        var properties = new java.util.HashMap<String, String>();
        var nodes = document.getElementsByTagName("properties");
        for (int i = 0; i < nodes.getLength(); i++) {
            for (Node child = nodes.item(i).getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element) {
                    properties.put(element.getTagName(), element.getTextContent().trim());
                }
            }
        }
        return properties;
    }
}
