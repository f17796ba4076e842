package io.jenkins.plugins.gitops.web;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.model.UnprotectedRootAction;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.Secret;
import io.jenkins.plugins.gitops.Messages;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.engine.source.RepositoryUrls;
import io.jenkins.plugins.gitops.engine.sync.NotifyRateLimiter;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import io.jenkins.plugins.gitops.scheduling.PeriodicReconciler;
import io.jenkins.plugins.gitops.scheduling.PushListener;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * Push notifications from Git servers: {@code /gitops-sync/notify?url=<repository URL>&token=<token>}, by GET
 * or POST, without a crumb ({@link GitOpsNotifyCrumbExclusion}) and without a Jenkins login, since a Git server
 * has neither. The webhook token of the global configuration stands in for both; without one, the endpoint is
 * disabled.
 *
 * <p>A notification changes nothing but the schedule: every enabled environment whose repository is the one
 * named ({@link RepositoryUrls#sameRepository}) gets a check request in its status, and the reconciler is
 * started, so the check runs within seconds instead of at the next interval. What the check finds is decided as
 * for a periodic one. The answer is the number of environments, never their names: the caller is not a Jenkins
 * user and may see none of them.
 *
 * <p>Rate limited per caller address (wrong tokens included, against guessing) and per repository; a refused
 * notification gets 429 with {@code Retry-After}.
 */
@Extension
public final class GitOpsNotifyEndpoint implements UnprotectedRootAction {

    private static final Logger LOGGER = Logger.getLogger(GitOpsNotifyEndpoint.class.getName());

    static final String URL_NAME = "gitops-sync";
    /** The path the crumb exclusion lets through, as {@code CrumbFilter} sees it (without the context path). */
    static final String NOTIFY_PATH = "/" + URL_NAME + "/notify";
    /** The header that may carry the token instead of the query. */
    static final String TOKEN_HEADER = "X-GitOps-Sync-Token";

    /** Per caller address: a reverse proxy makes all callers one, so this is generous. */
    static final int BURST_PER_ADDRESS = 30;
    static final Duration REFILL_PER_ADDRESS = Duration.ofSeconds(2);
    /** Per repository: pushes to several branches in a row need one check, which the first request already asks for. */
    static final int BURST_PER_REPOSITORY = 10;
    static final Duration REFILL_PER_REPOSITORY = Duration.ofSeconds(6);
    /** Callers and repositories remembered by each limiter at most. */
    static final int MAX_KEYS = 10_000;

    private final NotifyRateLimiter byAddress =
            new NotifyRateLimiter(BURST_PER_ADDRESS, REFILL_PER_ADDRESS, MAX_KEYS, InstantSource.system());
    private final NotifyRateLimiter byRepository =
            new NotifyRateLimiter(BURST_PER_REPOSITORY, REFILL_PER_REPOSITORY, MAX_KEYS, InstantSource.system());

    @CheckForNull
    @Override
    public String getIconFileName() {
        return null;
    }

    @CheckForNull
    @Override
    public String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /**
     * Schedules a check of every enabled environment of the repository {@code url}. GET and POST alike (Git
     * servers send POST; GET serves a quick test with curl); changes nothing but the schedule.
     */
    public HttpResponse doNotify(StaplerRequest2 req, @QueryParameter String url, @QueryParameter String token) {
        String address = Util.fixNull(req.getRemoteAddr());
        if (!byAddress.tryAcquire(address)) {
            LOGGER.fine(() -> "Push notification from " + address + " refused: too many from this address");
            return tooManyRequests(byAddress.retryAfter(address));
        }
        Secret expected = GitOpsConfiguration.get().getWebhookToken();
        if (expected == null) {
            return plainText(403, Messages.GitOpsNotifyEndpoint_disabled());
        }
        String given = Util.fixEmpty(req.getHeader(TOKEN_HEADER));
        if (!isExpectedToken(expected, given != null ? given : token)) {
            LOGGER.fine(() -> "Push notification from " + address + " refused: missing or wrong token");
            return plainText(403, Messages.GitOpsNotifyEndpoint_wrongToken(TOKEN_HEADER));
        }
        if (Util.fixEmptyAndTrim(url) == null) {
            return plainText(400, Messages.GitOpsNotifyEndpoint_urlMissing());
        }
        Optional<String> repository = RepositoryUrls.identity(url);
        if (repository.isEmpty()) {
            return plainText(400, Messages.GitOpsNotifyEndpoint_urlInvalid()); // not quoted: it may hold a password
        }
        if (!byRepository.tryAcquire(repository.get())) {
            LOGGER.fine(() -> "Push notification for " + repository.get() + " refused: too many for this repository");
            return tooManyRequests(byRepository.retryAfter(repository.get()));
        }
        int scheduled = requestChecks(repository.get(), Instant.now());
        if (scheduled > 0) {
            ExtensionList.lookupSingleton(PeriodicReconciler.class).doRun();
        }
        LOGGER.fine(() -> "Push notification for " + repository.get() + " from " + address + ": scheduled checks of "
                + scheduled + " environments");
        return plainText(200, Messages.GitOpsNotifyEndpoint_scheduled(scheduled));
    }

    /** Asks for a check of every enabled environment of {@code repository} (a {@link RepositoryUrls#identity}). */
    static int requestChecks(String repository, Instant when) {
        int count = 0;
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            for (GitOpsEnvironment environment : Jenkins.get().allItems(GitOpsEnvironment.class)) {
                if (!environment.isDisabled()
                        && RepositoryUrls.identity(environment.getRepositoryUrl()).filter(repository::equals).isPresent()) {
                    environment.requestCheck(when);
                    count++;
                }
            }
            for (PushListener listener : ExtensionList.lookup(PushListener.class)) {
                count += listener.onPush(repository);
            }
        }
        return count;
    }

    /** Compares digests, so the time taken tells nothing about the token, not even its length. */
    static boolean isExpectedToken(Secret expected, @CheckForNull String given) {
        if (given == null || given.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(sha256(expected.getPlainText()), sha256(given));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static HttpResponse tooManyRequests(Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new PlainTextResponse(429, Messages.GitOpsNotifyEndpoint_tooMany(seconds), String.valueOf(seconds));
    }

    private static HttpResponse plainText(int status, String message) {
        return new PlainTextResponse(status, message, null);
    }

    /** A status, a one-line plain text body and, for 429, {@code Retry-After}. */
    private record PlainTextResponse(int status, String message, @CheckForNull String retryAfterSeconds)
            implements HttpResponse {

        @Override
        public void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node)
                throws IOException, ServletException {
            rsp.setStatus(status);
            if (retryAfterSeconds != null) {
                rsp.setHeader("Retry-After", retryAfterSeconds);
            }
            rsp.setContentType("text/plain;charset=UTF-8");
            PrintWriter writer = rsp.getWriter();
            writer.println(message);
            writer.flush();
        }
    }
}
