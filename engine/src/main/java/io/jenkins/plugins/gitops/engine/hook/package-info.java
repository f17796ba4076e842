/**
 * Resource hooks: objects that are not part of the desired state but run at a phase of a sync (a database
 * migration Job before the Deployment changes, a smoke test after), in Argo CD's model, which also maps Helm's
 * hooks. {@link io.jenkins.plugins.gitops.engine.hook.HookAnnotations} tells hooks from ordinary objects and
 * reads their phases, wave and delete policies; the sync package runs them.
 */
package io.jenkins.plugins.gitops.engine.hook;
