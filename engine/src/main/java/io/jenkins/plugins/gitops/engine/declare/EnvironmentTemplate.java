package io.jenkins.plugins.gitops.engine.declare;

import java.util.Objects;

/**
 * What a folder gives every environment it generates: a name template and default settings, both with
 * placeholders ({@link Placeholders}). A directories generator uses them as they are; a files generator fills in
 * what a declaration file leaves unset.
 *
 * @param nameTemplate expands to the environment's name (then {@link EnvironmentNames#sanitize sanitized})
 * @param settings the defaults, usually with {@code repositoryUrl} the folder's repository and, for directories,
 *     {@code path} {@code {path}}
 */
public record EnvironmentTemplate(String nameTemplate, EnvironmentSettings settings) {

    /** Names a directory's environment after the directory: {@code apps/web} gives {@code web}. */
    public static final String DEFAULT_DIRECTORY_NAME = "{path.basename}";

    /** Names a file's environment after the file: {@code environments/web.yaml} gives {@code web}. */
    public static final String DEFAULT_FILE_NAME = "{path.filenameWithoutExtension}";

    public EnvironmentTemplate {
        Objects.requireNonNull(nameTemplate, "nameTemplate");
        Objects.requireNonNull(settings, "settings");
    }
}
