package io.jenkins.plugins.gitops.engine.cli;

import io.jenkins.plugins.gitops.engine.diff.IgnoreRule;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which environment the objects belong to, what is not compared, and whether extra objects are pruned. */
final class EnvironmentOptions {

    @Option(names = "--environment", paramLabel = "<id>",
            description = "The environment's identity, marked on every object it applies (default: the"
                    + " repository name and --path, or the folder's name). Use the same one for every run.")
    String environment;

    @Option(names = "--ignore", paramLabel = "[<kind>=]<pointer>",
            description = "A field not to compare, as a JSON pointer (/spec/replicas), for every object or"
                    + " for one kind (Deployment=/spec/replicas); * matches any key. Repeatable.")
    List<String> ignore = new ArrayList<>();

    @Option(names = "--prune",
            description = "Delete objects this environment applied before that Git no longer declares.")
    boolean prune;

    @Option(names = "--allow-empty",
            description = "With --prune: allow pruning everything when Git declares no objects at all.")
    boolean allowEmpty;

    /** {@code --environment}, else the identity derived from the source. */
    String environmentId(String derived) {
        if (environment == null) {
            return derived;
        }
        if (environment.isBlank()) {
            throw new CommandException("--environment: is empty; give the environment's identity, or leave the"
                    + " option out to use \"" + derived + "\"");
        }
        return environment.strip();
    }

    /** The ignore rules; {@code Kind=/pointer} limits a rule to one kind (of any API group). */
    List<IgnoreRule> ignoreRules() {
        List<IgnoreRule> rules = new ArrayList<>();
        for (String spec : ignore) {
            int equals = spec.indexOf('=');
            String kind = equals > 0 ? spec.substring(0, equals).strip() : null;
            String pointer = spec.substring(equals + 1).strip();
            try {
                IgnoreRule rule = IgnoreRule.pointers(pointer);
                rules.add(kind == null ? rule : rule.forKind(null, kind));
            } catch (IllegalArgumentException e) {
                throw new CommandException("--ignore " + spec + ": " + e.getMessage()
                        + "; give a JSON pointer such as /spec/replicas", e);
            }
        }
        return rules;
    }
}
