package io.jenkins.plugins.gitops.run;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A Jenkins restart (or crash) in the middle of a sync: the build says it was interrupted, and nothing runs it
 * again. The first session leaves a build record as a running sync leaves it on disk (the in-progress mark, no
 * result yet); the second is Jenkins starting again.
 */
class SyncInterruptedByRestartITest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void shouldSayASyncStoppedByARestartWasInterruptedAndNotRunItAgain() throws Throwable {
        sessions.then(jenkins -> {
            GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "shop-prod");
            environment.setRepositoryUrl(new File(jenkins.jenkins.getRootDir(), "no-such-repository.git").toURI().toString());
            environment.setClusterCredentialsId("prod-kubeconfig");
            environment.scheduleSync(SyncCause.user("admin"));
            jenkins.waitUntilNoActivity();
            SyncRun run = environment.getLastBuild();
            run.removeActions(SyncAction.class);
            run.addAction(new SyncInProgress());
            run.save();
            Path record = new File(run.getRootDir(), "build.xml").toPath();
            String xml = Files.readString(record, StandardCharsets.UTF_8);
            Files.writeString(record, xml.replaceAll("<result>[A-Z]+</result>", ""), StandardCharsets.UTF_8);
        });
        sessions.then(jenkins -> {
            GitOpsEnvironment environment = jenkins.jenkins.getItemByFullName("shop-prod", GitOpsEnvironment.class);
            SyncRun run = environment.getLastBuild();

            assertThat(run.isBuilding()).isFalse();
            assertThat(run.getResult()).isEqualTo(Result.ABORTED);
            HtmlPage page = jenkins.createWebClient().getPage(run);
            assertThat(page.querySelector("#gitops-sync-interrupted").getTextContent())
                    .contains("Jenkins stopped while this sync was running");
            jenkins.waitUntilNoActivity();
            assertThat(environment.getBuilds()).hasSize(1);
            assertThat(environment.getQueueItem()).isNull();
        });
    }
}
