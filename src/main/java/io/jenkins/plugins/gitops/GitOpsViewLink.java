package io.jenkins.plugins.gitops;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.TransientViewActionFactory;
import hudson.model.View;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * "GitOps" in the side panel of the main page (and of every view), linking to the {@link GitOpsDashboard}:
 * Jenkins 2.5xx shows root actions in the header's menu only, and the dashboard is where users start.
 */
@Extension
public final class GitOpsViewLink extends TransientViewActionFactory {

    @Override
    public List<Action> createFor(View view) {
        return List.of(new Link());
    }

    /** The side panel task; hidden from users who may not read Jenkins (they could not open the page). */
    static final class Link implements Action {

        @CheckForNull
        @Override
        public String getIconFileName() {
            return Jenkins.get().hasPermission(Jenkins.READ) ? "symbol-swap" : null;
        }

        @Override
        public String getDisplayName() {
            return Messages.GitOpsDashboard_displayName();
        }

        @Override
        public String getUrlName() {
            return "/" + GitOpsDashboard.URL_NAME; // from the Jenkins root, whatever view links it
        }
    }
}
