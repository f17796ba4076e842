package io.jenkins.plugins.gitops.engine.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Health of a {@code CustomResourceDefinition}: HEALTHY once {@code Established}, so its custom
 * resources can be applied. Names that clash with another CRD ({@code NamesAccepted False}) never
 * resolve by themselves: DEGRADED, as is a non-structural schema. Until the API server has
 * established it (which takes a moment after creation) or while it is being deleted, PROGRESSING.
 */
final class CustomResourceDefinitionHealth implements HealthCheck {

    @Override
    public Health check(ObjectNode crd) {
        Optional<Condition> terminating = Condition.find(crd, "Terminating").filter(Condition::isTrue);
        if (terminating.isPresent()) {
            return Health.progressing("Being deleted: " + terminating.get().describe());
        }
        Optional<Condition> namesRejected = Condition.find(crd, "NamesAccepted").filter(Condition::isFalse);
        if (namesRejected.isPresent()) {
            return Health.degraded("Names not accepted (" + namesRejected.get().describe()
                    + "); choose a plural, singular, kind or short name no other CRD of the group uses");
        }
        Optional<Condition> nonStructural = Condition.find(crd, "NonStructuralSchema").filter(Condition::isTrue);
        if (nonStructural.isPresent()) {
            return Health.degraded("Schema is not structural (" + nonStructural.get().describe() + "); fix the"
                    + " openAPIV3Schema");
        }
        Optional<Condition> established = Condition.find(crd, "Established");
        if (established.filter(Condition::isTrue).isPresent()) {
            return Health.healthy("Established: its custom resources are served");
        }
        return Health.progressing("Waiting for the API server to establish the CRD"
                + established.map(condition -> " (" + condition.describe() + ")").orElse(""));
    }
}
