/**
 * Environments declared in Git: the GitOps Environment Folder, a computed folder (cloudbees-folder) whose
 * environments come from its repository.
 *
 * <p>{@link io.jenkins.plugins.gitops.folder.GitOpsEnvironmentFolder} reads one revision of its repository on every
 * computation (on a push, periodically, or by hand), lets the engine's generators find the declared environments
 * ({@code io.jenkins.plugins.gitops.engine.declare}), and creates or updates one
 * {@link io.jenkins.plugins.gitops.item.GitOpsEnvironment} per declaration through
 * {@link io.jenkins.plugins.gitops.folder.DeclaredEnvironment}, the one place that maps a declaration onto an
 * environment's settings. An environment no longer declared is orphaned: disabled and kept, or deleted when the
 * {@link io.jenkins.plugins.gitops.folder.EnvironmentOrphanStrategy} says so; deleting an environment leaves its
 * objects in the cluster unless the strategy explicitly allows pruning them first
 * ({@link io.jenkins.plugins.gitops.folder.OrphanPrune}, through the plugin's {@code reconcile} package).
 */
package io.jenkins.plugins.gitops.folder;
