package io.jenkins.plugins.gitops.engine.declare;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.source.FileTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A repository far larger than any folder should be: bounded results, nothing orphaned on a partial answer. */
class LargeTreeTest {

    /** 100,000 files in 25,000 folders, held in memory: the generator's cost, not Git's, is what this is about. */
    private static final class ManyFolders implements FileTree {
        private final List<FileEntry> entries = new ArrayList<>();

        ManyFolders(int folders) {
            for (int i = 0; i < folders; i++) {
                for (String file : List.of("a.yaml", "b.yaml", "c.yaml", "d.yaml")) {
                    entries.add(new FileEntry("apps/app-" + i + "/" + file, FileEntry.Type.FILE, 10));
                }
            }
            entries.sort(Comparator.comparing(FileEntry::path));
        }

        @Override
        public String description() {
            return "many folders";
        }

        @Override
        public List<FileEntry> list(String directory) {
            return entries;
        }

        @Override
        public boolean isDirectory(String path) {
            return true;
        }

        @Override
        public byte[] read(String path) {
            return "path: apps/web\n".getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Path materialize() throws IOException {
            throw new IOException("not needed");
        }
    }

    private static final EnvironmentTemplate TEMPLATE = new EnvironmentTemplate("{path}-{path.filename}",
            EnvironmentSettings.builder().repositoryUrl("https://git.example.com/shop.git").build());

    @Test
    void shouldStopAtTheEnvironmentLimitAndSayTheResultIsIncomplete() throws Exception {
        GenerationResult result = new DirectoryGenerator(PathPattern.parse("apps/*"),
                new EnvironmentTemplate("{path}", TEMPLATE.settings()))
                .generate(new ManyFolders(25_000));

        assertThat(result.environments()).hasSize(DeclarationLimits.MAX_ENVIRONMENTS);
        assertThat(result.complete()).isFalse();
        assertThat(result.errors()).singleElement().asString()
                .isEqualTo("the pattern \"apps/*\" matches more than 2000 environments; narrow it. Nothing was"
                        + " orphaned in this computation");
    }

    @Test
    void shouldFindTheFewMatchesAmongManyFiles() throws Exception {
        GenerationResult result = new FileGenerator(PathPattern.parse("apps/app-1?/a.yaml".replace("?", "7")),
                TEMPLATE, new DeclarationParser(DeclarationSchema.load())).generate(new ManyFolders(25_000));

        assertThat(result.errors()).isEmpty();
        assertThat(result.environments()).extracting(EnvironmentDeclaration::name)
                .containsExactly("apps-app-17-a.yaml");
    }
}
