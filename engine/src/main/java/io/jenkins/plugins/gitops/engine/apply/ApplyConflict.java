package io.jenkins.plugins.gitops.engine.apply;

import java.util.List;

/**
 * A field that Git declares is owned by another field manager, so server-side apply refused to change it
 * without force.
 *
 * @param manager the other field manager ({@code kubectl-edit}, {@code kube-controller-manager}, ...)
 * @param field the contested field, as the API server names it ({@code .spec.replicas})
 */
public record ApplyConflict(String manager, String field) {

    /** A sentence for the report: who holds which fields, and the two ways out. */
    public static String describe(List<ApplyConflict> conflicts) {
        StringBuilder text = new StringBuilder("apply conflict on ");
        for (int i = 0; i < conflicts.size(); i++) {
            ApplyConflict conflict = conflicts.get(i);
            text.append(i == 0 ? "" : ", ").append(conflict.field())
                    .append(" with field manager \"").append(conflict.manager()).append('"');
        }
        return text.append("; let Git win to take ").append(conflicts.size() == 1 ? "it" : "them")
                .append(" back (the default: clear \"Keep conflicts\", or sync without --no-force-conflicts), or remove ")
                .append(conflicts.size() == 1 ? "the field" : "the fields").append(" from Git").toString();
    }
}
