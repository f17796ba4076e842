package io.jenkins.plugins.gitops.engine.pipeline;

import io.jenkins.plugins.gitops.engine.source.SourceException;
import io.jenkins.plugins.gitops.engine.sync.SyncListener;

/**
 * How a caller gets the files of a run: the command line reads a folder or fetches Git with the credentials
 * given to it, the Jenkins plugin fetches Git with credentials from Jenkins.
 */
@FunctionalInterface
public interface SourceStep {

    /**
     * @throws SourceException when the repository or the revision cannot be read; the message names the URL
     *     (without credentials) and what to do
     * @throws StepException when something the caller needs first is missing (credentials not found)
     */
    LoadedFiles load(SyncListener listener) throws SourceException;
}
