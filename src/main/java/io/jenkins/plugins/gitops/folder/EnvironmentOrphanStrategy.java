package io.jenkins.plugins.gitops.folder;

import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import com.cloudbees.hudson.plugins.folder.computed.ComputedFolder;
import com.cloudbees.hudson.plugins.folder.computed.OrphanedItemStrategy;
import com.cloudbees.hudson.plugins.folder.computed.OrphanedItemStrategyDescriptor;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.TaskListener;
import hudson.model.TopLevelItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What happens to an environment that its folder's repository no longer declares. It is always disabled first (no
 * check, no sync) and kept, so that a mistaken push, a renamed folder or a half-done refactoring costs nothing; it is
 * deleted only when {@link #getDeleteAfterDays() deleteAfterDays} is set and that many days have passed since it was
 * first found missing. Deleting an environment removes it from Jenkins only, and its objects stay in the cluster,
 * unless {@link #isPruneObjectsOnDelete() pruneObjectsOnDelete} is set: then its objects are deleted from the cluster
 * first, as a sync with prune of an empty folder would, and an environment whose objects could not all be deleted is
 * kept (disabled) to be tried again at the next computation. A disabled orphan never touches the cluster.
 */
public class EnvironmentOrphanStrategy extends OrphanedItemStrategy {

    /** Days an orphaned environment is kept before it is deleted; null: kept until someone deletes it. */
    @CheckForNull
    private Integer deleteAfterDays;

    /** Whether deleting an orphan first deletes its objects from the cluster; off unless the folder says so. */
    private boolean pruneObjectsOnDelete;

    @DataBoundConstructor
    public EnvironmentOrphanStrategy() {
    }

    @CheckForNull
    public Integer getDeleteAfterDays() {
        return deleteAfterDays;
    }

    @DataBoundSetter
    public void setDeleteAfterDays(@CheckForNull Integer deleteAfterDays) {
        this.deleteAfterDays = deleteAfterDays == null || deleteAfterDays < 0 ? null : deleteAfterDays;
    }

    public boolean isPruneObjectsOnDelete() {
        return pruneObjectsOnDelete;
    }

    @DataBoundSetter
    public void setPruneObjectsOnDelete(boolean pruneObjectsOnDelete) {
        this.pruneObjectsOnDelete = pruneObjectsOnDelete;
    }

    @NonNull
    @Override
    public <I extends TopLevelItem> Collection<I> orphanedItems(@NonNull ComputedFolder<I> owner,
            @NonNull Collection<I> orphaned, @NonNull TaskListener listener) {
        List<I> delete = new ArrayList<>();
        Instant now = Instant.now();
        for (I item : orphaned) {
            GitOpsEnvironment environment = item instanceof GitOpsEnvironment generated ? generated : null;
            DeclaredEnvironment declared = environment == null ? null : DeclaredEnvironment.of(environment);
            Long since = declared == null ? null : declared.getOrphanedSince();
            if (deleteAfterDays != null && since != null
                    && !Instant.ofEpochMilli(since).plus(Duration.ofDays(deleteAfterDays)).isAfter(now)) {
                String why = "no longer declared for " + deleteAfterDays + " days or more";
                if (!pruneObjectsOnDelete) {
                    listener.getLogger().println("Deleting " + item.getName() + ": " + why
                            + " (its objects stay in the cluster)");
                    delete.add(item);
                } else if (environment != null && OrphanPrune.deleteObjects(environment, why, listener.getLogger())) {
                    delete.add(item);
                }
            } else {
                listener.getLogger().println("Keeping " + item.getName() + " disabled: no longer declared"
                        + (deleteAfterDays == null ? "; delete it by hand when it is no longer needed"
                                : "; deleted after " + deleteAfterDays + " days"));
            }
        }
        return delete;
    }

    @Extension
    @Symbol("gitopsOrphans")
    public static class DescriptorImpl extends OrphanedItemStrategyDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.EnvironmentOrphanStrategy_displayName();
        }

        @Override
        public boolean isApplicable(Class<? extends ComputedFolder> folderType) {
            return GitOpsEnvironmentFolder.class.isAssignableFrom(folderType);
        }
    }
}
