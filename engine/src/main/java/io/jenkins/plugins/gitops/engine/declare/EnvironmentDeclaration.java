package io.jenkins.plugins.gitops.engine.declare;

import java.util.Objects;

/**
 * One environment as the folder repository declares it: the matched folder or file it comes from, its name and
 * its settings, template applied.
 *
 * @param name a valid environment name ({@link EnvironmentNames#VALID}), unique in the computation
 * @param source the repository path of the folder (directories generator) or file (files generator)
 * @param line the line of the declaration's name in {@code source}, or 0
 * @param settings its settings; {@code repositoryUrl} and {@code path} are always set
 */
public record EnvironmentDeclaration(String name, String source, int line, EnvironmentSettings settings) {

    public EnvironmentDeclaration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(settings, "settings");
    }

    /** {@code environments/web.yaml} or {@code environments/web.yaml:2}, for messages. */
    public String location() {
        return line > 0 ? source + ":" + line : source;
    }
}
