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
 * first found missing. Deleting an environment removes it from Jenkins only: its objects stay in the cluster.
 */
public class EnvironmentOrphanStrategy extends OrphanedItemStrategy {

    /** Days an orphaned environment is kept before it is deleted; null: kept until someone deletes it. */
    @CheckForNull
    private Integer deleteAfterDays;

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

    @NonNull
    @Override
    public <I extends TopLevelItem> Collection<I> orphanedItems(@NonNull ComputedFolder<I> owner,
            @NonNull Collection<I> orphaned, @NonNull TaskListener listener) {
        List<I> delete = new ArrayList<>();
        Instant now = Instant.now();
        for (I item : orphaned) {
            DeclaredEnvironment declared = item instanceof GitOpsEnvironment environment
                    ? DeclaredEnvironment.of(environment) : null;
            Long since = declared == null ? null : declared.getOrphanedSince();
            if (deleteAfterDays != null && since != null
                    && !Instant.ofEpochMilli(since).plus(Duration.ofDays(deleteAfterDays)).isAfter(now)) {
                listener.getLogger().println("Deleting " + item.getName() + ": no longer declared for "
                        + deleteAfterDays + " days or more (its objects stay in the cluster)");
                delete.add(item);
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
