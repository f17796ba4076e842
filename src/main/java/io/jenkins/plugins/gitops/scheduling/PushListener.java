package io.jenkins.plugins.gitops.scheduling;

import hudson.ExtensionPoint;
import io.jenkins.plugins.gitops.engine.source.RepositoryUrls;

/**
 * Something else than environments that follows pushes to a repository ({@code /gitops-sync/notify?url=…}), such as
 * a GitOps Environment Folder, which computes when its repository changes. Called as the system, with the token
 * checked and the rate limits applied.
 */
public interface PushListener extends ExtensionPoint {

    /**
     * @param repository the repository pushed to, as {@link RepositoryUrls#identity} gives it
     * @return how many items were scheduled, for the count in the answer
     */
    int onPush(String repository);
}
