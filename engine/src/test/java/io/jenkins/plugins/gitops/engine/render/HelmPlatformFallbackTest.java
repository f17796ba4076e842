package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * helm-java carries a native Helm library for linux-amd64 only. On other controllers (arm64, macOS) a
 * {@code helm} binary on the PATH renders instead; without one, the error says what to install.
 */
class HelmPlatformFallbackTest {

    @TempDir
    Path bin;

    @Test
    void shouldUseAHelmBinaryOnThePathWhereTheBundledLibraryCannotRun() throws Exception {
        Path helm = Files.writeString(bin.resolve("helm"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(helm, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(HelmRenderer.fallbackToBinary("helm-java's native Helm library does not run on linux-arm64",
                new ExecutableFinder(bin.toString()))).contains(helm);
    }

    @Test
    void shouldFindNoFallbackWithoutAHelmBinary() {
        assertThat(HelmRenderer.fallbackToBinary("helm-java's native Helm library does not run on darwin-arm64",
                new ExecutableFinder(bin.toString()))).isEmpty();
    }

    @Test
    void shouldKeepTheBundledLibraryWhereItRuns() throws Exception {
        Path helm = Files.writeString(bin.resolve("helm"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(helm, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(HelmRenderer.fallbackToBinary(null, new ExecutableFinder(bin.toString()))).isEmpty();
    }
}
