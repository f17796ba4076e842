package io.jenkins.plugins.gitops.engine.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gitops-sync}: the GitOps engine from a shell or a CI job. Each verb is a subcommand class of its
 * own; this class only names them and carries what they share (the process environment).
 *
 * <p>The subcommands are added by {@link Conventions} rather than listed in the annotation: a process
 * started for one command builds picocli's model of that command only (reading every command's options by
 * reflection costs a tenth of a second at each start); help, an unknown command and in-process callers get
 * them all.
 *
 * <p>Run it in-process as {@code new CommandLine(new GitOpsSyncCommand()).setOut(out).setErr(err)
 * .execute(args)}: every command writes to picocli's {@code out} and {@code err} and returns an
 * {@link ExitCodes exit code}.
 */
@Command(name = "gitops-sync",
        mixinStandardHelpOptions = true,
        modelTransformer = GitOpsSyncCommand.Conventions.class,
        description = {
            "Keeps a Kubernetes cluster equal to what Git declares, like Argo CD and Flux, from the command line.",
            "New here? Run gitops-sync demo: it needs neither a cluster nor a repository."},
        footer = {"", "Exit codes: 0 in sync (or synced), 1 drift found (or a sync left conflicts or unhealthy"
                + " objects), 2 an error."},
        exitCodeOnExecutionException = 2,
        exitCodeOnInvalidInput = 2)
public final class GitOpsSyncCommand implements Runnable {

    /** The commands, in the order help lists them. */
    private static final List<Class<? extends Subcommand>> COMMANDS = List.of(
            RenderCommand.class, DiffCommand.class, SyncCommand.class, StatusCommand.class, DemoCommand.class);

    private final Function<String, String> environment;
    /** The only command to add to the model, or null for all of them. */
    private final Class<? extends Subcommand> onlyCommand;

    @Spec
    CommandSpec spec;

    public GitOpsSyncCommand() {
        this(System::getenv);
    }

    /** For tests and the demo: environment variables ({@code NO_COLOR}, secrets) from a function. */
    GitOpsSyncCommand(Function<String, String> environment) {
        this(environment, null);
    }

    private GitOpsSyncCommand(Function<String, String> environment, Class<? extends Subcommand> onlyCommand) {
        this.environment = environment;
        this.onlyCommand = onlyCommand;
    }

    /**
     * The iterations that protect a private key put in a PKCS#12 key store (the JDK's default: 10,000 rounds of
     * PBKDF2, once to store, once to read). The Kubernetes client puts the kubeconfig's client key in such a
     * store, in memory only, at every start: the rounds protect nothing here (the key is in the kubeconfig and
     * in memory anyway) and cost a tenth of a second of a one-second command. This process writes no key
     * store to disk. A value the user sets wins.
     */
    private static final String PKCS12_KEY_ITERATIONS = "keystore.pkcs12.keyPbeIterationCount";

    public static void main(String[] args) {
        if (System.getProperty(PKCS12_KEY_ITERATIONS) == null) {
            System.setProperty(PKCS12_KEY_ITERATIONS, "1");
        }
        System.exit(new CommandLine(new GitOpsSyncCommand(System::getenv, commandNamed(args))).execute(args));
    }

    /** The command the first argument names, or null (help, an option, a typo: all commands are needed). */
    private static Class<? extends Subcommand> commandNamed(String[] args) {
        if (args.length == 0) {
            return null;
        }
        return COMMANDS.stream().filter(command -> command.getAnnotation(Command.class).name().equals(args[0]))
                .findFirst().orElse(null);
    }

    /** Without a command there is nothing to do: say which commands there are. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: render, diff, sync, status or demo");
    }

    /** The environment variables of this process (or of the test that runs the command). */
    Function<String, String> environment() {
        return environment;
    }

    /**
     * Settings every command shares, applied when picocli builds the model (so they hold however the
     * command is started): enum values in any case ({@code --renderer kustomize}, {@code -o json}),
     * exit code 2 for errors, {@code --version} on every command, and usage help with options in the
     * order they are declared, fitted to the terminal's width.
     */
    static final class Conventions implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec command) {
            if (command.userObject() instanceof GitOpsSyncCommand root && command.subcommands().isEmpty()) {
                for (Class<? extends Subcommand> subcommand : COMMANDS) {
                    if (root.onlyCommand == null || root.onlyCommand == subcommand) {
                        command.addSubcommand(null, new CommandLine(subcommand));
                    }
                }
                if (root.onlyCommand == null) {
                    command.addSubcommand(null, new CommandLine(CommandLine.HelpCommand.class));
                }
            }
            command.parser().caseInsensitiveEnumValuesAllowed(true);
            command.exitCodeOnExecutionException(ExitCodes.ERROR.code());
            command.exitCodeOnInvalidInput(ExitCodes.ERROR.code());
            command.usageMessage().sortOptions(false).abbreviateSynopsis(true).autoWidth(true);
            command.versionProvider(new Version());
            command.subcommands().values().forEach(subcommand -> transform(subcommand.getCommandSpec()));
            return command;
        }
    }

    /** The version Maven wrote into the jar; "development build" when run from classes. */
    static final class Version implements IVersionProvider {
        private static final String POM_PROPERTIES =
                "/META-INF/maven/io.jenkins.plugins/gitops-sync-engine/pom.properties";

        @Override
        public String[] getVersion() throws IOException {
            try (InputStream in = GitOpsSyncCommand.class.getResourceAsStream(POM_PROPERTIES)) {
                if (in == null) {
                    return new String[] {"gitops-sync (development build)"};
                }
                Properties properties = new Properties();
                properties.load(in);
                return new String[] {"gitops-sync " + properties.getProperty("version", "(unknown version)")};
            }
        }
    }
}
