package io.jenkins.plugins.gitops;

import hudson.model.Item;
import java.net.URL;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/**
 * The users of the web tests: {@code admin} may do anything, {@code builder} may read and sync, {@code reader}
 * may only read, {@code stranger} may only see Jenkins itself; and how they send a POST.
 */
public final class TestUsers {

    private TestUsers() {
    }

    /** Turns security on with the four users. */
    public static void secure(JenkinsRule jenkins) {
        jenkins.jenkins.setSecurityRealm(jenkins.createDummySecurityRealm());
        jenkins.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader", "builder")
                .grant(Item.BUILD).everywhere().to("builder")
                .grant(Jenkins.READ).everywhere().to("stranger"));
    }

    /**
     * POSTs to {@code path} (relative to the Jenkins root) and answers the HTTP status, without failing on an
     * error status. A client logged in with an API token needs no crumb, as with any Jenkins.
     */
    public static int post(JenkinsRule jenkins, JenkinsRule.WebClient client, String path) throws Exception {
        client.setThrowExceptionOnFailingStatusCode(false);
        return client.getPage(new WebRequest(new URL(jenkins.getURL(), path), HttpMethod.POST))
                .getWebResponse().getStatusCode();
    }
}
