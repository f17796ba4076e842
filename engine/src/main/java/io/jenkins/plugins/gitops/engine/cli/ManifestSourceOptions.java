package io.jenkins.plugins.gitops.engine.cli;

import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Parameters;

/**
 * Where the manifests come from, for every command that reads them: a local folder, or a Git repository
 * with its credentials, and how they are rendered.
 */
final class ManifestSourceOptions {

    @Parameters(index = "0", arity = "0..1", paramLabel = "<dir>",
            description = "A local folder of manifests (or use --repo).")
    Path directory;

    @ArgGroup(validate = false, heading = "%nSource (a folder, or a Git repository):%n")
    SourceOptions source = new SourceOptions();

    @ArgGroup(validate = false, heading = "%nGit credentials (secrets only from files or the environment):%n")
    GitCredentialOptions credentials = new GitCredentialOptions();

    @ArgGroup(validate = false, heading = "%nRendering:%n")
    RenderingOptions rendering = new RenderingOptions();
}
