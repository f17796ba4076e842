package io.jenkins.plugins.gitops;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.gitops.engine.source.RepositoryUrls;
import io.jenkins.plugins.gitops.engine.source.UrlRedaction;
import jenkins.util.SystemProperties;

/**
 * Whether an environment may read a repository from the controller's own disk ({@code file://}, a path,
 * a bundle file). Refused by default, as the Git plugin does since SECURITY-2478: a user who may configure
 * one environment would otherwise read every repository on the controller, Jenkins' own caches included,
 * and "Test Git connection" would show their commits. An administrator who needs local repositories (a
 * test instance, a mirror on the controller) starts Jenkins with
 * {@code -Dio.jenkins.plugins.gitops.allowLocalRepositories=true}. The engine decides what is local.
 */
public final class LocalRepositories {

    /** The system property that lets environments read local repositories. */
    static final String ALLOW_PROPERTY = "io.jenkins.plugins.gitops.allowLocalRepositories";

    private LocalRepositories() {
    }

    /** Whether {@code url} is a local repository that may not be read; read at each call, so no restart is needed. */
    public static boolean isRefused(@CheckForNull String url) {
        return !SystemProperties.getBoolean(ALLOW_PROPERTY) && RepositoryUrls.isLocal(url);
    }

    /** Why {@code url} is refused, and what an administrator can do. */
    public static String refusal(String url) {
        return Messages.LocalRepositories_refused(UrlRedaction.redact(url.trim()), ALLOW_PROPERTY);
    }
}
