package io.jenkins.plugins.gitops.engine.declare;

import io.jenkins.plugins.gitops.engine.source.FileTree;
import io.jenkins.plugins.gitops.engine.source.FileTree.FileEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One environment per file matching the pattern ({@code environments/*.yaml}): the file declares the
 * environment's settings ({@link DeclarationSchema}), the template fills in what it leaves unset. A symbolic link
 * is refused rather than followed: the file at the matched path is the declaration.
 */
public final class FileGenerator extends EnvironmentGenerator {

    private final DeclarationParser parser;

    public FileGenerator(PathPattern pattern, EnvironmentTemplate template, DeclarationParser parser) {
        super(pattern, template);
        this.parser = parser;
    }

    @Override
    void generate(FileTree tree, List<FileEntry> entries, GenerationResult.Collector collector) {
        int taken = 0;
        for (FileEntry entry : entries) {
            if (!pattern().matches(entry.path())) {
                continue;
            }
            if (!withinLimit(taken++, pattern(), collector)) {
                return;
            }
            generate(tree, entry, collector);
        }
    }

    private void generate(FileTree tree, FileEntry entry, GenerationResult.Collector collector) {
        String file = entry.path();
        if (entry.isSymlink()) {
            collector.fail(file, 0, "is a symbolic link; a declaration must be a regular file");
            return;
        }
        if (entry.size() > DeclarationLimits.MAX_DECLARATION_BYTES) {
            collector.fail(file, 0, "is " + entry.size() + " bytes; a declaration may have at most "
                    + DeclarationLimits.MAX_DECLARATION_BYTES + " bytes");
            return;
        }
        List<DeclarationError> errors = new ArrayList<>();
        Map<String, Object> values;
        try {
            values = parser.parse(file, tree.read(file), errors);
        } catch (IOException e) {
            collector.fail(file, 0, "cannot be read: " + e.getMessage());
            return;
        }
        if (values == null) {
            errors.forEach(error -> collector.fail(file, error.line(), error.message()));
            return;
        }
        MatchedPath match = MatchedPath.file(file);
        try {
            Object declaredName = values.get("name");
            String name = declaredName != null ? (String) declaredName
                    : EnvironmentNames.sanitize(Placeholders.expand(template().nameTemplate(), match));
            EnvironmentSettings settings = settingsOf(values).orElse(template().settings().expand(match));
            declare(collector, file, name, settings);
        } catch (DeclarationException e) {
            collector.fail(file, 0, e.getMessage());
        }
    }

    /** The settings a checked declaration sets; the schema guarantees the types. */
    @SuppressWarnings("unchecked")
    static EnvironmentSettings settingsOf(Map<String, Object> values) {
        Map<String, Object> policy = (Map<String, Object>) values.getOrDefault("syncPolicy", Map.of());
        Map<String, Object> helm = (Map<String, Object>) values.getOrDefault("helm", Map.of());
        Long interval = (Long) values.get("checkIntervalMinutes");
        return EnvironmentSettings.builder()
                .repositoryUrl((String) values.get("repository"))
                .revision((String) values.get("revision"))
                .credentialsId((String) values.get("credentialsId"))
                .path((String) values.get("path"))
                .serverUrl((String) values.get("serverUrl"))
                .clusterCredentialsId((String) values.get("clusterCredentialsId"))
                .namespace((String) values.get("namespace"))
                .renderer((String) values.get("renderer"))
                .automated((Boolean) policy.get("automated"))
                .prune((Boolean) policy.get("prune"))
                .selfHeal((Boolean) policy.get("selfHeal"))
                .checkIntervalMinutes(interval == null ? null : interval.intValue())
                .agentLabel((String) values.get("agentLabel"))
                .helmReleaseName((String) helm.get("releaseName"))
                .helmValuesFiles((List<String>) helm.get("valuesFiles"))
                .build();
    }
}
