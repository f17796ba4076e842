/**
 * Models the web pages render: plain values computed from reports and statuses, so that pages (the plugin's
 * Jelly views, its JSON endpoints) only print them and every rule a user can notice is unit-tested here.
 *
 * <ul>
 *   <li>{@link io.jenkins.plugins.gitops.engine.view.SourceLinks} turns a repository URL, a commit and a
 *       {@code file:line} into a link to the file on the Git host's web interface (GitHub, GitLab, Bitbucket,
 *       Gitea/Forgejo), or into nothing when the host is unknown. A link never carries credentials and never
 *       lets a file name or a URL from Git change where it points.</li>
 *   <li>{@link io.jenkins.plugins.gitops.engine.view.DriftTrend} keeps one environment's recent checks and syncs
 *       as a bounded series of {@link io.jenkins.plugins.gitops.engine.view.TrendPoint}s (identical consecutive
 *       checks are counted, not stored again), stored as JSON ({@value
 *       io.jenkins.plugins.gitops.engine.view.DriftTrend#FORMAT}) and drawn as a line chart from a
 *       {@link io.jenkins.plugins.gitops.engine.view.TrendChart}.</li>
 *   <li>{@link io.jenkins.plugins.gitops.engine.view.Dashboard} sorts, filters and counts
 *       {@link io.jenkins.plugins.gitops.engine.view.DashboardRow}s, one per environment.</li>
 * </ul>
 *
 * <p>This package sits on top of the library: it reads {@code report}, {@code resource}, {@code health},
 * {@code diff} and {@code sync}, and only the command line may use it ({@code ArchitectureTest}).
 */
package io.jenkins.plugins.gitops.engine.view;
