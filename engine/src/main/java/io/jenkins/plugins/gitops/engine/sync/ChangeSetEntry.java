package io.jenkins.plugins.gitops.engine.sync;

import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import io.jenkins.plugins.gitops.engine.resource.Origin;
import java.util.List;

/**
 * What happened to one object in a sync: the line a user reads in the console and the row of the drift
 * report.
 *
 * @param ref the object
 * @param apiVersion its apiVersion, as Git declares it (or as it was found, for extra objects)
 * @param origin where Git declares it; {@code null} for extra objects, which Git no longer declares
 * @param action what was done
 * @param changedPaths the declared fields that differed from the live object ({@code .spec.replicas})
 * @param diff a human-readable diff of those fields, secrets redacted; empty when nothing differed
 * @param health the object's health after the sync (or as found, on a preview)
 * @param message why, when the action needs explaining (a conflict, an error, a skip); may be empty
 */
public record ChangeSetEntry(ObjectRef ref, String apiVersion, Origin origin, Action action,
        List<String> changedPaths, String diff, Health health, String message) {

    public ChangeSetEntry {
        changedPaths = List.copyOf(changedPaths);
        diff = diff == null ? "" : diff;
        message = message == null ? "" : message;
    }

    public ChangeSetEntry withAction(Action newAction, String newMessage) {
        return new ChangeSetEntry(ref, apiVersion, origin, newAction, changedPaths, diff, health, newMessage);
    }

    public ChangeSetEntry withHealth(Health newHealth) {
        return new ChangeSetEntry(ref, apiVersion, origin, action, changedPaths, diff, newHealth, message);
    }

    /** The console line: {@code Deployment/shop/web configured (Healthy)  .spec.replicas}. */
    @Override
    public String toString() {
        StringBuilder line = new StringBuilder().append(ref).append(' ').append(action.label());
        if (health != null) {
            line.append(" (").append(health.status().displayName()).append(')');
        }
        if (!message.isEmpty()) {
            line.append(": ").append(message);
        }
        return line.toString();
    }
}
