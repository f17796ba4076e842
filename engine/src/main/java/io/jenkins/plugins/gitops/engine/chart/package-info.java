/**
 * Charts from a Helm chart repository (HTTP(S) with an {@code index.yaml}) or an OCI registry: resolving a version
 * or range ({@link io.jenkins.plugins.gitops.engine.chart.VersionResolver}), downloading with our own timeouts and
 * size limits ({@link io.jenkins.plugins.gitops.engine.chart.RegistryHttp}), caching by digest
 * ({@link io.jenkins.plugins.gitops.engine.chart.ChartCache}), and extracting the archive, which is treated as
 * hostile ({@link io.jenkins.plugins.gitops.engine.chart.ChartArchive}), into a tree the Helm renderer reads
 * beside the environment's Git files ({@link io.jenkins.plugins.gitops.engine.chart.ChartOverlayTree}).
 * {@link io.jenkins.plugins.gitops.engine.chart.ChartFetcher} is the entry point.
 */
package io.jenkins.plugins.gitops.engine.chart;
