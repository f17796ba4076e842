package io.jenkins.plugins.gitops.item;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Items;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockFolder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * An environment's identity is its full name, and its objects carry it: after a rename or a move (its own, or a
 * folder's around it) the environment remembers its former names, through a restart, so that its next sync takes
 * its own objects over instead of refusing them as another environment's.
 */
@WithJenkins
class EnvironmentMovesITest {

    @Test
    void shouldRememberItsFormerNamesAcrossARenameAMoveAndARestartOfItsConfiguration(JenkinsRule jenkins)
            throws Exception {
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "shop");
        MockFolder apps = jenkins.createFolder("apps");

        environment.renameTo("shop-prod");
        GitOpsEnvironment moved = Items.move(environment, apps);

        assertThat(moved.getFullName()).isEqualTo("apps/shop-prod");
        assertThat(moved.getFormerFullNames()).containsExactly("shop", "shop-prod");
        GitOpsEnvironment reloaded = (GitOpsEnvironment) Items.load(apps, moved.getRootDir());
        assertThat(reloaded.getFormerFullNames()).containsExactly("shop", "shop-prod");
    }
}
