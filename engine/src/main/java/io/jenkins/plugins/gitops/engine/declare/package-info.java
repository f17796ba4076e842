/**
 * Environments declared in Git: what a GitOps Environment Folder computes from its repository.
 *
 * <p>An {@link io.jenkins.plugins.gitops.engine.declare.EnvironmentGenerator} reads one commit of the folder
 * repository and returns a {@link io.jenkins.plugins.gitops.engine.declare.GenerationResult}: the
 * {@link io.jenkins.plugins.gitops.engine.declare.EnvironmentDeclaration}s found and the
 * {@link io.jenkins.plugins.gitops.engine.declare.DeclarationError}s, each naming a file and line.
 *
 * <ul>
 *   <li>{@link io.jenkins.plugins.gitops.engine.declare.DirectoryGenerator}: every folder matching a
 *       {@link io.jenkins.plugins.gitops.engine.declare.PathPattern} is an environment, set up by the folder's
 *       {@link io.jenkins.plugins.gitops.engine.declare.EnvironmentTemplate} with
 *       {@link io.jenkins.plugins.gitops.engine.declare.Placeholders placeholders} for the folder's path;
 *   <li>{@link io.jenkins.plugins.gitops.engine.declare.FileGenerator}: every matching file declares one
 *       environment in YAML, checked against the published
 *       {@link io.jenkins.plugins.gitops.engine.declare.DeclarationSchema JSON schema}; the template fills in the
 *       rest.
 * </ul>
 *
 * <p>What the repository holds is untrusted input: patterns stay inside the repository, sizes, depths and counts are
 * bounded ({@link io.jenkins.plugins.gitops.engine.declare.DeclarationLimits}), and one bad source never changes
 * what another declares. What to do with environments that are no longer declared is the caller's decision.
 */
package io.jenkins.plugins.gitops.engine.declare;
