package io.jenkins.plugins.gitops.folder;

import hudson.Extension;
import io.jenkins.plugins.gitops.scheduling.PushListener;

/** A push to a folder's repository computes the folder at once ({@code /gitops-sync/notify?url=…}). */
@Extension
public final class FolderPushListener implements PushListener {

    @Override
    public int onPush(String repository) {
        return GitOpsEnvironmentFolder.computeFoldersOf(repository);
    }
}
