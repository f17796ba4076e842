package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import io.jenkins.plugins.gitops.engine.resource.Origin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects of one render as they come, refusing a second object with the same group, kind, namespace
 * and name (the API server would keep only one of them, and which one would depend on order), and more
 * objects than the limit.
 *
 * <p>An object without a namespace and one in the namespace it will default to are not caught here:
 * whether a kind is namespaced is only known later, against discovery.
 */
final class RenderedObjects {

    private final String subject;
    private final int maxObjects;
    private final Problems problems;
    private final List<KubeObject> objects = new ArrayList<>();
    private final Map<ObjectRef, Origin> seen = new HashMap<>();
    private boolean full;

    RenderedObjects(String subject, RenderLimits limits, Problems problems) {
        this.subject = subject;
        this.maxObjects = limits.maxObjects();
        this.problems = problems;
    }

    void add(KubeObject object) {
        // a hook named by generateName gets a new name each run: two of them are two hooks
        Origin first = object.name().isEmpty() ? null : seen.putIfAbsent(object.ref(), object.origin());
        if (first != null) {
            String where = first.equals(object.origin()) ? "appears twice in " + first : "is already defined at " + first;
            problems.error(object.origin(), object.ref() + " " + where + "; remove one of the two definitions");
            return;
        }
        if (objects.size() >= maxObjects) {
            if (!full) {
                full = true;
                problems.error(RepositoryPaths.origin(subject), "renders more than " + maxObjects + " objects, the limit; "
                        + "split it into several environments or raise the limit");
            }
            return;
        }
        objects.add(object);
    }

    List<KubeObject> list() {
        return List.copyOf(objects);
    }
}
