package io.jenkins.plugins.gitops.reconcile;

import hudson.FilePath;
import hudson.model.Computer;
import hudson.model.Label;
import hudson.model.Node;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.gitops.Messages;
import io.jenkins.plugins.gitops.engine.pipeline.PipelineRun;
import io.jenkins.plugins.gitops.engine.pipeline.PipelineRunJson;
import io.jenkins.plugins.gitops.engine.pipeline.StepException;
import io.jenkins.plugins.gitops.engine.pipeline.Verdict;
import io.jenkins.plugins.gitops.engine.sync.SyncListener;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * The agent a run of an environment with an agent label goes to: an online agent of the label that accepts tasks
 * and that the environment's authentication may build on ({@link Computer#BUILD}, as the build queue checks), the one
 * with the most idle executors first. The built-in node is never chosen, even when it carries the label: the point of
 * the label is that nothing of the run happens on the controller.
 */
final class AgentSelection {

    private static final Logger LOGGER = Logger.getLogger(AgentSelection.class.getName());

    /**
     * The longest answer accepted from an agent, in characters: the report of a few thousand objects with their diffs
     * is far smaller. A longer answer is refused before it is parsed.
     */
    static final int MAX_ANSWER_CHARS = 64 << 20;

    private AgentSelection() {
    }

    /**
     * @throws StepException naming the label when it is not a label expression, or no agent of it can take the run
     */
    static Agent choose(String label, Authentication authentication) {
        Label parsed;
        try {
            parsed = Label.parseExpression(label);
        } catch (IllegalArgumentException e) {
            throw new StepException(Messages.AgentSelection_badLabel(label, e.getMessage()), e);
        }
        Jenkins jenkins = Jenkins.get();
        return parsed.getNodes().stream()
                .filter(node -> node != jenkins)
                .map(AgentSelection::agentOf)
                .filter(agent -> agent != null && agent.computer().hasPermission2(authentication, Computer.BUILD))
                .max(Comparator.comparingInt(agent -> agent.computer().countIdle()))
                .orElseThrow(() -> new StepException(Messages.AgentSelection_noAgent(label)));
    }

    /** The agent of {@code node} when it is online and accepts tasks; {@code null} otherwise. */
    private static Agent agentOf(Node node) {
        Computer computer = node.toComputer();
        if (computer == null || !computer.isOnline() || !computer.isAcceptingTasks()) {
            return null;
        }
        VirtualChannel channel = computer.getChannel();
        FilePath root = node.getRootPath();
        if (channel == null || root == null) {
            return null; // went offline since
        }
        return new Agent(node.getNodeName(), computer, channel, root.child("gitops-sync").getRemote());
    }

    /** A run that never started: no agent could take it. It failed before fetching anything. */
    static PipelineRun notRun(String failure) {
        return new PipelineRun(PipelineRun.Step.SOURCE, null, null, null, null, null, null, failure, List.of(), null,
                Verdict.stopped());
    }

    /** A run whose outcome is unknown: the agent ran it, but what it did never came back. */
    private static PipelineRun lost(String failure) {
        return new PipelineRun(null, null, null, null, null, null, null, failure, List.of(), null, Verdict.stopped());
    }

    /**
     * An agent chosen for one run.
     *
     * @param workDirectory the folder of GitOps Sync's caches on the agent
     */
    record Agent(String name, Computer computer, VirtualChannel channel, String workDirectory) {

        /**
         * The agent's copies of the Helm child's jars; empty when they cannot be copied, which only a Helm render
         * notices (and reports): a run of plain manifests or Kustomize does not need them.
         */
        List<String> helmChildClassPath() throws InterruptedException {
            try {
                return HelmJarsOnAgent.copyTo(new FilePath(channel, workDirectory));
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "Cannot copy the Helm library's jars to agent " + name, e);
                return List.of();
            }
        }

        /**
         * Runs {@code request} on this agent, the engine's progress going to {@code listener} as it happens.
         *
         * @throws InterruptedException when the build was aborted; the agent's run is interrupted too
         */
        PipelineRun run(AgentPipeline.Request request, SyncListener listener, SyncListener warnings)
                throws InterruptedException {
            String answer;
            try {
                answer = channel.call(new AgentPipeline(request, channel.export(SyncListener.class, listener),
                        channel.export(SyncListener.class, warnings)));
            } catch (IOException | RuntimeException e) {
                LOGGER.log(Level.WARNING, "A run of " + request.environmentId() + " on agent " + name + " failed", e);
                return lost(Messages.AgentSelection_runFailed(name, String.valueOf(e.getMessage())));
            }
            try {
                return PipelineRunJson.read(answer, MAX_ANSWER_CHARS);
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "Agent " + name + " answered a run of " + request.environmentId()
                        + " with something else than a run", e);
                return lost(Messages.AgentSelection_badAnswer(name, e.getMessage()));
            }
        }
    }
}
