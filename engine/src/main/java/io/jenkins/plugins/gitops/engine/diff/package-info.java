/**
 * Drift: does a live object still hold what Git declares? Decided from the desired object and the live
 * object alone (as LIST or GET returned it, managedFields included), without any further API request.
 *
 * <p>{@link io.jenkins.plugins.gitops.engine.diff.DriftDetector#compare} compares only the fields Git
 * declares ("desired is a subset of live"), after bringing the desired object into the form the API
 * server stores ({@link io.jenkins.plugins.gitops.engine.diff.Normalizer}). The goal has two halves,
 * and every rule serves both:
 * <ul>
 *   <li>an object just applied with server-side apply is in sync, whatever defaults the server added
 *       and however it respelled values (quantities, numbers, omitted empty values, stringData);</li>
 *   <li>any change by somebody else to a declared field is drift: a changed value, a removed list
 *       element, a reordered atomic list, a removed value that the server would have kept.</li>
 * </ul>
 *
 * <p>Lists follow server-side apply: associative lists (containers by name, ports by port and protocol,
 * env by name, …; the table is {@code ListMergeKeys}) are matched by key, so order and extra live
 * elements (an injected sidecar) do not matter; every other list is atomic. Fields can be left out of
 * the comparison with {@link io.jenkins.plugins.gitops.engine.diff.IgnoreRule}s, by JSON pointer or by
 * the field manager that owns them (an autoscaler's replicas).
 *
 * <p>The result, {@link io.jenkins.plugins.gitops.engine.diff.ObjectDrift}, lists the changed fields
 * by path ({@code .spec.template.spec.containers[name=web].image}) and renders a bounded unified diff
 * of the declared fields. Secret values never leave the package: they, and the values of environment
 * variables whose names {@link io.jenkins.plugins.gitops.engine.diff.RedactionRules} call sensitive
 * ({@code DB_PASSWORD}), are replaced by {@code (redacted sha256:1a2b3c)} before anything is returned.
 * For text that is not a diff (API error messages, console lines), a
 * {@link io.jenkins.plugins.gitops.engine.diff.Redactor} built from the desired objects removes every
 * such value wherever it appears.
 */
package io.jenkins.plugins.gitops.engine.diff;
