package io.jenkins.plugins.gitops.engine.declare;

import io.jenkins.plugins.gitops.engine.source.FileTree;
import io.jenkins.plugins.gitops.engine.source.FileTree.FileEntry;
import java.util.List;
import java.util.TreeSet;

/**
 * One environment per folder matching the pattern ({@code clusters/*}{@code /apps/*}), named and set up by the
 * template; its path is the folder unless the template says otherwise. A Git tree holds no empty folder, so a
 * folder exists exactly when a file is below it; a symbolic link to a folder is not a folder.
 */
public final class DirectoryGenerator extends EnvironmentGenerator {

    public DirectoryGenerator(PathPattern pattern, EnvironmentTemplate template) {
        super(pattern, template);
    }

    @Override
    void generate(FileTree tree, List<FileEntry> entries, GenerationResult.Collector collector) {
        TreeSet<String> folders = new TreeSet<>();
        int depth = pattern().minimumDepth();
        for (FileEntry entry : entries) {
            for (String folder : PathPattern.foldersOf(entry.path())) {
                // Cheap test first: most folders of a large tree are too shallow to match.
                if (folder.chars().filter(c -> c == '/').count() + 1 >= depth && pattern().matches(folder)) {
                    folders.add(folder);
                }
            }
        }
        int taken = 0;
        for (String folder : folders) {
            if (!withinLimit(taken++, pattern(), collector)) {
                return;
            }
            MatchedPath match = MatchedPath.folder(folder);
            try {
                String name = EnvironmentNames.sanitize(Placeholders.expand(template().nameTemplate(), match));
                EnvironmentSettings settings = template().settings().expand(match)
                        .orElse(EnvironmentSettings.builder().path(folder).build());
                declare(collector, folder, name, settings);
            } catch (DeclarationException e) {
                collector.fail(folder, 0, e.getMessage());
            }
        }
    }
}
