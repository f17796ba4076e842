package io.jenkins.plugins.gitops.engine.promote;

import io.jenkins.plugins.gitops.engine.source.GitCredentials;
import java.util.List;
import java.util.Objects;

/**
 * Where an environment's desired state lives, as {@code gitopsSetImage} writes to it.
 *
 * @param environment the environment's name, for the commit message ({@code production})
 * @param url repository URL (no password in it: pass that in {@code credentials})
 * @param credentials how to authenticate, for fetching and for pushing
 * @param branch the branch to commit to ({@code main} or {@code refs/heads/main}); tags and SHAs cannot
 *     take commits
 * @param path the environment's folder (or file), '/'-separated, relative to the repository root;
 *     {@code ""} for the root
 * @param valuesFiles Helm values files, repository-relative, as the environment passes them to Helm;
 *     empty for the chart's own {@code values.yaml}
 */
public record PromotionTarget(String environment, String url, GitCredentials credentials, String branch, String path,
        List<String> valuesFiles) {

    public PromotionTarget {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(branch, "branch");
        path = path == null ? "" : path;
        valuesFiles = valuesFiles == null ? List.of() : List.copyOf(valuesFiles);
    }
}
