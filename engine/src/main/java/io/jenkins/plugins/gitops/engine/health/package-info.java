/**
 * Health assessment of live Kubernetes objects, modelled on Argo CD's gitops-engine
 * ({@code pkg/health}) and on {@code kubectl rollout status}.
 *
 * <p>{@link io.jenkins.plugins.gitops.engine.health.HealthAssessor} is the one entry point: it takes a
 * live object as the API server returns it (a Jackson tree, {@code null} when the object does not
 * exist) and answers a {@link io.jenkins.plugins.gitops.engine.health.Health}: a
 * {@link io.jenkins.plugins.gitops.engine.health.HealthStatus} and a sentence the user can act on.
 * It chooses by API group and kind among small per-kind checks, one class each
 * ({@code DeploymentHealth}, {@code StatefulSetHealth}, {@code PodHealth}, {@code JobHealth}, …), and
 * reads any other kind from its {@code status.conditions}. Callers change the verdict for a group and
 * kind with a {@link io.jenkins.plugins.gitops.engine.health.HealthOverride}.
 *
 * <p>{@link io.jenkins.plugins.gitops.engine.health.HealthSummary} rolls the health of many objects up
 * into the worst status and a count per status, as an Argo CD application's health is the worst of its
 * resources'.
 *
 * <p>Adding a kind means one class implementing {@code HealthCheck}, one line in
 * {@code HealthAssessor}'s table, a few fixtures in {@code src/test/resources/health/} named
 * {@code kind-state.yaml} and one line per fixture in {@code HealthAssessorTest}.
 */
package io.jenkins.plugins.gitops.engine.health;
