package io.jenkins.plugins.gitops.engine.promote;

import java.util.Objects;

/**
 * What {@code gitopsSetImage} asks for: set {@code image} to {@code tag}.
 *
 * @param image the repository, as in the manifests or normalized ({@code registry.example.com/app},
 *     {@code nginx}); without tag or digest
 * @param tag the tag to set ({@code 1.4.2})
 * @param message the commit message's first paragraph, or {@code null} for "Set &lt;image&gt; to &lt;tag&gt;
 *     in &lt;environment&gt;"
 * @param buildUrl the Jenkins build that asks, written as the {@code Jenkins-Build:} trailer; {@code null}
 *     for none
 * @param authorName the commit's author and committer name
 * @param authorEmail the commit's author and committer e-mail address
 */
public record PromotionRequest(String image, String tag, String message, String buildUrl, String authorName,
        String authorEmail) {

    public PromotionRequest {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(authorName, "authorName");
        Objects.requireNonNull(authorEmail, "authorEmail");
    }
}
