package io.jenkins.plugins.gitops.web;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.sync.CheckDecision.Observation;
import io.jenkins.plugins.gitops.item.EnvironmentStatus;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import java.time.Instant;
import jenkins.model.Jenkins;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockFolder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The GitOps dashboard: who sees what, sorting and filtering by URL, escaping, the remote API. */
@WithJenkins
class GitOpsDashboardITest {

    @Test
    void shouldListOnlyTheEnvironmentsTheUserMayRead(JenkinsRule jenkins) throws Exception {
        MockFolder shop = jenkins.createFolder("shop");
        MockFolder payments = jenkins.createFolder("payments");
        shop.createProject(GitOpsEnvironment.class, "prod");
        payments.createProject(GitOpsEnvironment.class, "prod");
        jenkins.jenkins.setSecurityRealm(jenkins.createDummySecurityRealm());
        jenkins.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ).everywhere().to("ann")
                .grant(Item.READ).onItems(shop).to("ann"));

        JSONObject json = jenkins.createWebClient().withBasicApiToken("ann").getJSON("gitops/api/json").getJSONObject();

        assertThat(json.getInt("environmentCount")).isEqualTo(1);
        assertThat(names(json.getJSONArray("environments"))).containsExactly("shop/prod");
    }

    @Test
    void shouldSortAndFilterAsTheUrlSays(JenkinsRule jenkins) throws Exception {
        record(jenkins.createProject(GitOpsEnvironment.class, "alpha"), false, HealthStatus.HEALTHY, 0);
        record(jenkins.createProject(GitOpsEnvironment.class, "beta"), true, HealthStatus.DEGRADED, 7);
        record(jenkins.createProject(GitOpsEnvironment.class, "gamma"), true, HealthStatus.HEALTHY, 2);
        JenkinsRule.WebClient client = jenkins.createWebClient();

        assertThat(names(client.getJSON("gitops/api/json?sort=drift").getJSONObject().getJSONArray("environments")))
                .containsExactly("beta", "gamma", "alpha");
        assertThat(names(client.getJSON("gitops/api/json?status=OutOfSync&health=Degraded").getJSONObject()
                .getJSONArray("environments"))).containsExactly("beta");
        assertThat(names(client.getJSON("gitops/api/json?q=GAM").getJSONObject().getJSONArray("environments")))
                .containsExactly("gamma");
        // the page shows the same rows, and counts over all of them
        HtmlPage page = client.goTo("gitops/?sort=drift&status=OUT_OF_SYNC");
        assertThat(page.querySelectorAll("#gitops-dashboard tbody tr")).extracting(DomNode::getTextContent)
                .satisfiesExactly(row -> assertThat(row).contains("beta", "7"), row -> assertThat(row).contains("gamma", "2"));
        assertThat(page.querySelector("#gitops-tiles").getTextContent()).contains("3", "2");
    }

    @Test
    void shouldIgnoreParametersItDoesNotUnderstand(JenkinsRule jenkins) throws Exception {
        jenkins.createProject(GitOpsEnvironment.class, "alpha");

        JSONObject json = jenkins.createWebClient()
                .getJSON("gitops/api/json?sort=%3Cscript%3E&status=nonsense&health=&order=sideways").getJSONObject();

        assertThat(names(json.getJSONArray("environments"))).containsExactly("alpha");
    }

    @Test
    void shouldEscapeDisplayNamesAndErrors(JenkinsRule jenkins) throws Exception {
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "alpha");
        environment.setDisplayName("<script>alert(1)</script>");
        environment.setCheckIntervalMinutes(0); // no periodic check replaces the status this test writes
        environment.updateStatus(EnvironmentStatus.of(Instant.parse("2026-03-01T10:00:00Z"),
                Observation.failed("1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "<img src=x onerror=alert(2)>"),
                "1111111", "<b>subject</b>"));

        HtmlPage page = jenkins.createWebClient().goTo("gitops/");
        String html = page.getWebResponse().getContentAsString();

        assertThat(html).doesNotContain("<script>alert(1)").doesNotContain("<img src=x");
        assertThat(page.querySelector("#gitops-dashboard").getTextContent())
                .contains("<script>alert(1)</script>", "<img src=x onerror=alert(2)>");
    }

    private static void record(GitOpsEnvironment environment, boolean drift, HealthStatus health, int drifted) {
        environment.setCheckIntervalMinutes(0); // no periodic check replaces the status this test writes
        environment.updateStatus(EnvironmentStatus.of(Instant.parse("2026-03-01T10:00:00Z"),
                Observation.ok("1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", drift, health), "1111111", "subject")
                .withObjectCounts(drifted, health == HealthStatus.DEGRADED ? 1 : 0));
    }

    private static java.util.List<String> names(JSONArray environments) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < environments.size(); i++) {
            names.add(environments.getJSONObject(i).getString("fullName"));
        }
        return names;
    }
}
