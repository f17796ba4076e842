/**
 * Promotion: the engine half of {@code gitopsSetImage}, which sets a container image's tag in an
 * environment's Git folder and pushes the change.
 *
 * <p>{@link io.jenkins.plugins.gitops.engine.promote.ImageReference} parses and normalizes image
 * references ({@code nginx} is {@code docker.io/library/nginx}); {@link
 * io.jenkins.plugins.gitops.engine.promote.ImageEditor} edits one YAML file byte-preservingly (container
 * images, kustomization {@code images} entries, Helm values); {@link
 * io.jenkins.plugins.gitops.engine.promote.ImagePromotion} fetches the branch into the source cache, edits
 * the environment's files, commits without a working tree and pushes, retrying when the branch moved.
 * Everything that goes wrong leaves the package as one {@link
 * io.jenkins.plugins.gitops.engine.promote.PromotionException} with a reason and a subject.
 */
package io.jenkins.plugins.gitops.engine.promote;
