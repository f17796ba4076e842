package io.jenkins.plugins.gitops.reconcile;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.engine.promote.ImagePromotion;
import io.jenkins.plugins.gitops.engine.promote.PromotionRequest;
import io.jenkins.plugins.gitops.engine.promote.PromotionResult;
import io.jenkins.plugins.gitops.engine.promote.PromotionTarget;
import io.jenkins.plugins.gitops.engine.source.GitCredentials;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import java.io.IOException;
import java.util.List;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The Jenkins half of {@code gitopsSetImage}: the environment's repository, credentials (looked up in its
 * context), branch (its revision) and folder become the engine's {@link PromotionTarget}; the engine's
 * {@link ImagePromotion} edits, commits and pushes through the shared repository cache.
 */
@Restricted(NoExternalUse.class)
public final class EnvironmentPromotion {

    private EnvironmentPromotion() {
    }

    /**
     * Sets the image's tag in the environment's folder on its branch.
     *
     * @param run the build asking (credentials are tracked against it)
     * @throws hudson.AbortException naming the credentials ID when it cannot be used
     * @throws io.jenkins.plugins.gitops.engine.promote.PromotionException with the engine's message (malformed
     *     image or tag, image not referenced, unknown branch, refused push, a branch that kept moving)
     */
    @NonNull
    public static PromotionResult promote(@NonNull GitOpsEnvironment environment, @NonNull PromotionRequest request,
            @NonNull Run<?, ?> run) throws IOException {
        if (LocalRepositories.isRefused(environment.getRepositoryUrl())) {
            throw new AbortException(LocalRepositories.refusal(environment.getRepositoryUrl()));
        }
        GitCredentials credentials = GitCredentialsLookup.resolve(environment, environment.getRepositoryUrl(),
                environment.getCredentialsId(), environment.getKnownHosts(), run);
        // The environment has no values-files setting yet: a chart folder's own values.yaml is edited.
        PromotionTarget target = new PromotionTarget(environment.getFullName(), environment.getRepositoryUrl(),
                credentials, environment.getRevision(), environment.getPath(), List.of());
        return new ImagePromotion(GitOpsConfiguration.get().getRepositoryCache()).promote(target, request);
    }
}
