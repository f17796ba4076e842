package io.jenkins.plugins.gitops.web;

import hudson.Extension;
import hudson.security.csrf.CrumbExclusion;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Lets POSTs to {@code /gitops-sync/notify} through without a crumb, as the Git plugin does for
 * {@code /git/notifyCommit}: a Git server's webhook cannot fetch one. Exactly that path; the endpoint checks the
 * webhook token itself ({@link GitOpsNotifyEndpoint}).
 */
@Extension
public final class GitOpsNotifyCrumbExclusion extends CrumbExclusion {

    @Override
    public boolean process(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (GitOpsNotifyEndpoint.NOTIFY_PATH.equals(request.getPathInfo())) {
            chain.doFilter(request, response);
            return true;
        }
        return false;
    }
}
