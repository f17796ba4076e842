package io.jenkins.plugins.gitops.web;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.Secret;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockFolder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class GitOpsNotifyEndpointITest {

    private static final String TOKEN = "push-token";
    private static final String SHOP = "https://git.example.com/shop/config.git";

    @Test
    void shouldRefuseANotificationWithoutToken(JenkinsRule jenkins) throws Exception {
        GitOpsConfiguration.get().setWebhookToken(Secret.fromString(TOKEN));
        GitOpsEnvironment environment = environment(jenkins, "shop-prod", SHOP);

        WebResponse response = notify(jenkins, HttpMethod.POST, SHOP, null, null);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getContentAsString()).contains("Token: missing or wrong");
        assertThat(environment.getStatus().getCheckRequested()).isNull();
    }

    @Test
    void shouldRefuseAWrongTokenInTheQueryOrTheHeader(JenkinsRule jenkins) throws Exception {
        GitOpsConfiguration.get().setWebhookToken(Secret.fromString(TOKEN));
        GitOpsEnvironment environment = environment(jenkins, "shop-prod", SHOP);

        assertThat(notify(jenkins, HttpMethod.POST, SHOP, "guess", null).getStatusCode()).isEqualTo(403);
        assertThat(notify(jenkins, HttpMethod.POST, SHOP, null, "guess").getStatusCode()).isEqualTo(403);
        assertThat(notify(jenkins, HttpMethod.POST, SHOP, TOKEN + "x", null).getStatusCode()).isEqualTo(403);
        assertThat(environment.getStatus().getCheckRequested()).isNull();
    }

    @Test
    void shouldBeDisabledWhileNoWebhookTokenIsSet(JenkinsRule jenkins) throws Exception {
        GitOpsEnvironment environment = environment(jenkins, "shop-prod", SHOP);

        WebResponse response = notify(jenkins, HttpMethod.POST, SHOP, "", null);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getContentAsString()).contains("Push notifications are disabled: no webhook token is set");
        assertThat(environment.getStatus().getCheckRequested()).isNull();
    }

    @Test
    void shouldMarkEveryEnabledEnvironmentOfTheRepositoryDue(JenkinsRule jenkins) throws Exception {
        GitOpsConfiguration.get().setWebhookToken(Secret.fromString(TOKEN));
        GitOpsEnvironment prod = environment(jenkins, "shop-prod", SHOP);
        MockFolder team = jenkins.createFolder("team");
        GitOpsEnvironment staging = team.createProject(GitOpsEnvironment.class, "shop-staging");
        staging.setRepositoryUrl("git@git.example.com:shop/config.git");
        staging.setCheckIntervalMinutes(0);
        GitOpsEnvironment disabled = environment(jenkins, "shop-dev", SHOP);
        disabled.setDisabled(true);
        GitOpsEnvironment billing = environment(jenkins, "billing-prod", "https://git.example.com/billing/config.git");
        jenkins.jenkins.doQuietDown(); // the reconciler starts no check, so the requests stay to be seen
        Instant before = Instant.now().minusMillis(1);

        WebResponse response = notify(jenkins, HttpMethod.POST, "https://git.example.com/shop/config", null, TOKEN);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getContentAsString().strip()).isEqualTo("Scheduled checks of 2 environments");
        assertThat(prod.getStatus().getCheckRequested()).isAfter(before);
        assertThat(staging.getStatus().getCheckRequested()).isAfter(before);
        assertThat(disabled.getStatus().getCheckRequested()).isNull();
        assertThat(billing.getStatus().getCheckRequested()).isNull();
        assertThat(prod.getStatus().getLastCheck()).as("nothing but the schedule changed").isNull();
    }

    @Test
    void shouldAcceptTheTokenInTheQueryByGet(JenkinsRule jenkins) throws Exception {
        GitOpsConfiguration.get().setWebhookToken(Secret.fromString(TOKEN));
        GitOpsEnvironment prod = environment(jenkins, "shop-prod", SHOP);
        jenkins.jenkins.doQuietDown();

        WebResponse response = notify(jenkins, HttpMethod.GET, "ssh://git@git.example.com:2222/shop/config.git", TOKEN, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getContentAsString().strip()).isEqualTo("Scheduled checks of 1 environment");
        assertThat(prod.getStatus().getCheckRequested()).isNotNull();
    }

    @Test
    void shouldCheckAMatchingEnvironmentSoonAfterTheNotification(JenkinsRule jenkins, @TempDir Path missing) throws Exception {
        GitOpsConfiguration.get().setWebhookToken(Secret.fromString(TOKEN));
        Path repository = missing.resolve("shop.git");
        GitOpsEnvironment prod = environment(jenkins, "shop-prod", repository.toUri().toString());

        assertThat(notify(jenkins, HttpMethod.POST, repository.toString(), TOKEN, null).getStatusCode()).isEqualTo(200);

        Instant deadline = Instant.now().plus(Duration.ofMinutes(2)); // the reconciler may be mid-run: then its next run
        while (prod.getStatus().getLastCheck() == null && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(prod.getStatus().getLastCheck()).as("a check ran although the interval is 0").isNotNull();
        assertThat(prod.getStatus().getCheckRequested()).as("the check answered the request").isNull();
        assertThat(prod.getStatus().getSyncStatus()).isEqualTo(io.jenkins.plugins.gitops.engine.view.SyncStatus.ERROR);
        jenkins.waitUntilNoActivity();
    }

    @Test
    void shouldNameNoEnvironmentInTheAnswer(JenkinsRule jenkins) throws Exception {
        GitOpsConfiguration.get().setWebhookToken(Secret.fromString(TOKEN));
        environment(jenkins, "shop-prod", SHOP);
        jenkins.jenkins.doQuietDown();

        String answer = notify(jenkins, HttpMethod.POST, SHOP, TOKEN, null).getContentAsString();

        assertThat(answer).doesNotContain("shop-prod").contains("Scheduled checks of 1 environment");
    }

    @Test
    void shouldLimitNotificationsPerRepository(JenkinsRule jenkins) throws Exception {
        GitOpsConfiguration.get().setWebhookToken(Secret.fromString(TOKEN));
        String unused = "https://git.example.com/nobody/uses-this.git";
        for (int i = 0; i < GitOpsNotifyEndpoint.BURST_PER_REPOSITORY; i++) {
            assertThat(notify(jenkins, HttpMethod.POST, unused, TOKEN, null).getStatusCode()).isEqualTo(200);
        }

        WebResponse refused = notify(jenkins, HttpMethod.POST, unused, TOKEN, null);

        assertThat(refused.getStatusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(refused.getResponseHeaderValue("Retry-After"))).isPositive();
        assertThat(notify(jenkins, HttpMethod.POST, SHOP, TOKEN, null).getStatusCode())
                .as("another repository has its own limit").isEqualTo(200);
    }

    @Test
    void shouldLimitGuessesOfTheTokenPerCaller(JenkinsRule jenkins) throws Exception {
        GitOpsConfiguration.get().setWebhookToken(Secret.fromString(TOKEN));
        for (int i = 0; i < GitOpsNotifyEndpoint.BURST_PER_ADDRESS; i++) {
            assertThat(notify(jenkins, HttpMethod.POST, SHOP, "guess-" + i, null).getStatusCode()).isEqualTo(403);
        }

        WebResponse refused = notify(jenkins, HttpMethod.POST, SHOP, TOKEN, null);

        assertThat(refused.getStatusCode()).isEqualTo(429);
        assertThat(refused.getResponseHeaderValue("Retry-After")).isNotBlank();
    }

    @Test
    void shouldAcceptAnAnonymousPostWithoutCrumbOnASecuredJenkins(JenkinsRule jenkins) throws Exception {
        jenkins.jenkins.setSecurityRealm(jenkins.createDummySecurityRealm());
        jenkins.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin"));
        assertThat(jenkins.jenkins.getCrumbIssuer()).as("JenkinsRule checks crumbs").isNotNull();
        GitOpsConfiguration.get().setWebhookToken(Secret.fromString(TOKEN));
        GitOpsEnvironment prod = environment(jenkins, "shop-prod", SHOP);
        jenkins.jenkins.doQuietDown();

        WebResponse response = notify(jenkins, HttpMethod.POST, SHOP, TOKEN, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(prod.getStatus().getCheckRequested()).isNotNull();
    }

    @Test
    void shouldStillRequireACrumbElsewhere(JenkinsRule jenkins) throws Exception {
        GitOpsEnvironment prod = environment(jenkins, "shop-prod", SHOP);
        JenkinsRule.WebClient client = jenkins.createWebClient();
        client.setThrowExceptionOnFailingStatusCode(false);

        WebResponse response = client.getPage(new WebRequest(new URL(jenkins.getURL(), "job/shop-prod/syncNow"),
                HttpMethod.POST)).getWebResponse();

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(prod.getQueueItem()).isNull();
    }

    private static GitOpsEnvironment environment(JenkinsRule jenkins, String name, String repositoryUrl) throws Exception {
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, name);
        environment.setRepositoryUrl(repositoryUrl);
        environment.setCheckIntervalMinutes(0); // no periodic check: only a notification asks for one
        return environment;
    }

    /** Notifies as a Git server would: anonymous, without crumb, the token in the query and/or the header. */
    private static WebResponse notify(JenkinsRule jenkins, HttpMethod method, String url, String queryToken,
            String headerToken) throws Exception {
        JenkinsRule.WebClient client = jenkins.createWebClient();
        client.setThrowExceptionOnFailingStatusCode(false);
        StringBuilder path = new StringBuilder("gitops-sync/notify?url=").append(encode(url));
        if (queryToken != null) {
            path.append("&token=").append(encode(queryToken));
        }
        WebRequest request = new WebRequest(new URL(jenkins.getURL(), path.toString()), method);
        if (headerToken != null) {
            request.setAdditionalHeader(GitOpsNotifyEndpoint.TOKEN_HEADER, headerToken);
        }
        return client.getPage(request).getWebResponse();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
