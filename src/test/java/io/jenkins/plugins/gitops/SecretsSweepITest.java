package io.jenkins.plugins.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import io.jenkins.plugins.gitops.reconcile.LocalRepositories;
import io.jenkins.plugins.gitops.run.SyncCause;
import io.jenkins.plugins.gitops.run.SyncRun;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Secrets planted where a sync meets them, then looked for everywhere Jenkins shows or keeps something: the
 * console, the build record and report, the environment's files, its page and API, the dashboard API, and the
 * system log (every record, with its stack trace). The syncs fail on purpose, as failures are where values
 * leak: a Secret whose value breaks its YAML tag (the render error must not quote it), and a cluster token
 * sent to a server that is not there.
 */
@WithJenkins
class SecretsSweepITest {

    private static final String SECRET_VALUE = "planted-S3cr3t-0xC0FFEE";
    private static final String CLUSTER_TOKEN = "planted-T0ken-0xBEEF-4242";

    private final List<String> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringWriter text = new StringWriter();
            text.append(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    text.append(' ').append(String.valueOf(parameter));
                }
            }
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(new PrintWriter(text));
            }
            synchronized (logged) {
                logged.add(text.toString());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureTheSystemLog() {
        // The repositories of these tests are local folders, which Jenkins refuses unless allowed.
        System.setProperty(LocalRepositories.ALLOW_PROPERTY, "true");
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
        Logger.getLogger("io.jenkins.plugins.gitops").setLevel(Level.ALL);
    }

    @AfterEach
    void stopCapturing() {
        System.clearProperty(LocalRepositories.ALLOW_PROPERTY);
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void shouldKeepASecretValueFromGitOutOfEverythingWhenItsManifestFailsToRender(JenkinsRule jenkins,
            @TempDir Path repository) throws Exception {
        commit(repository, "secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                stringData:
                  pin: !!int "%s"
                """.formatted(SECRET_VALUE));
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "shop-prod");
        environment.setRepositoryUrl(repository.toUri().toString());
        environment.setClusterCredentialsId("prod-token");

        SyncRun run = syncAndWait(jenkins, environment);

        jenkins.assertBuildStatus(Result.FAILURE, run);
        jenkins.assertLogContains("secret.yaml", run); // the error names the file...
        assertNowhere(jenkins, environment, run, SECRET_VALUE); // ...and never the value
    }

    @Test
    void shouldKeepAClusterTokenOutOfEverythingWhenTheServerCannotBeReached(JenkinsRule jenkins,
            @TempDir Path repository) throws Exception {
        commit(repository, "config.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: web
                data:
                  greeting: hello
                """);
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "prod-token", "token of the prod cluster", Secret.fromString(CLUSTER_TOKEN)));
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "shop-prod");
        environment.setRepositoryUrl(repository.toUri().toString());
        environment.setServerUrl("https://127.0.0.1:1"); // nothing listens there
        environment.setClusterCredentialsId("prod-token");

        SyncRun run = syncAndWait(jenkins, environment);

        jenkins.assertBuildStatus(Result.FAILURE, run);
        jenkins.assertLogContains("127.0.0.1:1", run);
        assertNowhere(jenkins, environment, run, CLUSTER_TOKEN);
    }

    private static SyncRun syncAndWait(JenkinsRule jenkins, GitOpsEnvironment environment) throws Exception {
        environment.scheduleSync(SyncCause.user("admin"));
        jenkins.waitUntilNoActivity();
        return environment.getLastBuild();
    }

    /** Neither the value, nor its base64 form, in anything Jenkins shows or keeps. */
    private void assertNowhere(JenkinsRule jenkins, GitOpsEnvironment environment, SyncRun run, String value)
            throws Exception {
        List<String> forms = List.of(value, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        JenkinsRule.WebClient client = jenkins.createWebClient();
        List<String> shown = List.of(
                JenkinsRule.getLog(run),
                client.getPage(run).getWebResponse().getContentAsString(),
                client.getPage(environment).getWebResponse().getContentAsString(),
                client.goTo(environment.getUrl() + "api/json?depth=2", "application/json").getWebResponse().getContentAsString(),
                client.goTo(run.getUrl() + "api/json?depth=2", "application/json").getWebResponse().getContentAsString(),
                client.goTo("gitops/api/json?depth=2", "application/json").getWebResponse().getContentAsString());
        for (String page : shown) {
            for (String form : forms) {
                assertThat(page).doesNotContain(form);
            }
        }
        try (Stream<Path> files = Files.walk(environment.getRootDir().toPath())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = Files.readString(file, StandardCharsets.ISO_8859_1);
                for (String form : forms) {
                    assertThat(content).as(file.toString()).doesNotContain(form);
                }
            }
        }
        synchronized (logged) {
            for (String record : logged) {
                for (String form : forms) {
                    assertThat(record).doesNotContain(form);
                }
            }
        }
    }

    private static void commit(Path repository, String file, String content) throws Exception {
        try (Git git = Git.init().setDirectory(repository.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repository.resolve(file), content, StandardCharsets.UTF_8);
            git.add().addFilepattern(file).call();
            git.commit().setMessage("Add " + file).setAuthor("Ann", "ann@example.com")
                    .setCommitter("Ann", "ann@example.com").setSign(false).call();
        }
        assertThat(new File(repository.toFile(), ".git")).isDirectory();
    }
}
