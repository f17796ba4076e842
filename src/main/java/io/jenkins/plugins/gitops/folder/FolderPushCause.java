package io.jenkins.plugins.gitops.folder;

import hudson.model.Cause;

/** Why a folder computed: a push notification for its repository ({@code /gitops-sync/notify}). */
public final class FolderPushCause extends Cause {

    /** The repository as the notification named it, without credentials. */
    private final String repository;

    public FolderPushCause(String repository) {
        this.repository = repository;
    }

    public String getRepository() {
        return repository;
    }

    @Override
    public String getShortDescription() {
        return Messages.FolderPushCause_description(repository);
    }
}
