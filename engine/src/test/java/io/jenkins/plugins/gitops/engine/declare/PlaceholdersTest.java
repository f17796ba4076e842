package io.jenkins.plugins.gitops.engine.declare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    private final MatchedPath folder = MatchedPath.folder("clusters/prod/apps/web");
    private final MatchedPath file = MatchedPath.file("environments/eu/web.prod.yaml");

    @Test
    void shouldExpandFolderPlaceholders() throws Exception {
        assertThat(Placeholders.expand("{path[1]}-{path.basename}", folder)).isEqualTo("prod-web");
        assertThat(Placeholders.expand("{path}", folder)).isEqualTo("clusters/prod/apps/web");
        assertThat(Placeholders.expand("kube-{path[1]}", folder)).isEqualTo("kube-prod");
        assertThat(Placeholders.expand("no placeholder", folder)).isEqualTo("no placeholder");
        assertThat(Placeholders.expand(null, folder)).isNull();
    }

    @Test
    void shouldExpandFilePlaceholdersAgainstTheFilesFolder() throws Exception {
        assertThat(Placeholders.expand("{path}", file)).isEqualTo("environments/eu");
        assertThat(Placeholders.expand("{path.basename}", file)).isEqualTo("eu");
        assertThat(Placeholders.expand("{path.filename}", file)).isEqualTo("web.prod.yaml");
        assertThat(Placeholders.expand("{path.filenameWithoutExtension}", file)).isEqualTo("web.prod");
        assertThat(Placeholders.expand("{path}", MatchedPath.file("web.yaml"))).isEmpty();
    }

    @Test
    void shouldNameTheMistakeInATemplate() {
        assertThatThrownBy(() -> Placeholders.expand("{path.name}", folder))
                .hasMessageContaining("unknown placeholder {path.name}").hasMessageContaining("{path.basename}");
        assertThatThrownBy(() -> Placeholders.expand("{path[4]}", folder))
                .hasMessageContaining("\"clusters/prod/apps/web\" has 4 segments");
        assertThatThrownBy(() -> Placeholders.expand("{path.filename}", folder))
                .hasMessageContaining("only the files generator");
        assertThatThrownBy(() -> Placeholders.expand("web-{path", folder)).hasMessageContaining("not closed");
        assertThatThrownBy(() -> Placeholders.expand("web}", folder)).hasMessageContaining("without a {");
    }

    @Test
    void shouldCheckATemplateWithoutAMatch() throws Exception {
        Placeholders.check("{path[3]}-{path.filename}", true);
        assertThatThrownBy(() -> Placeholders.check("{path.filename}", false))
                .isInstanceOf(DeclarationException.class);
    }
}
