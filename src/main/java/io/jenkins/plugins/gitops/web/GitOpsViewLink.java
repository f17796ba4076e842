package io.jenkins.plugins.gitops.web;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Action;
import hudson.model.TransientViewActionFactory;
import hudson.model.View;
import java.util.List;

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

    /** The side panel task: the dashboard's icon, name and address, from the Jenkins root. */
    static final class Link implements Action {

        @CheckForNull
        @Override
        public String getIconFileName() {
            return dashboard().getIconFileName();
        }

        @Override
        public String getDisplayName() {
            return dashboard().getDisplayName();
        }

        @Override
        public String getUrlName() {
            return "/" + dashboard().getUrlName(); // absolute, whatever view links it
        }

        private static GitOpsDashboard dashboard() {
            return ExtensionList.lookupSingleton(GitOpsDashboard.class);
        }
    }
}
