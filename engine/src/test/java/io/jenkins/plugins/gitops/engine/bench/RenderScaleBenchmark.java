package io.jenkins.plugins.gitops.engine.bench;

import io.jenkins.plugins.gitops.engine.render.ManifestRenderer;
import io.jenkins.plugins.gitops.engine.render.RenderLimits;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.render.RenderResult;
import io.jenkins.plugins.gitops.engine.source.GitSource;
import io.jenkins.plugins.gitops.engine.source.RepositoryCache;
import io.jenkins.plugins.gitops.engine.source.SourceRequest;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;

/**
 * What a render costs as a folder grows: 1,000, 10,000 and 100,000 small manifests in one folder of a Git
 * commit, rendered from the engine's repository cache as a sync renders them (the fetch is not timed).
 * Before the snapshot listed its tree once, every file read walked the folder's tree again: 10,000 files
 * cost 35.7 s and 100,000 over 20 minutes.
 *
 * <p>Prints {@code BENCH render_files_10k_over_1k_ratio} (linear is 10; the goal is at most 12) and
 * {@code BENCH render_100k_files_seconds}. Run it with {@code engine/bench/render-scale.sh}. System
 * properties {@code bench.renderRuns} (runs of the 1k and 10k renders, median; default 5) and
 * {@code bench.largeFiles} (default 100000) change the sizes.
 */
public final class RenderScaleBenchmark {

    private RenderScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Paths.get(args.length > 0 ? args[0] : "target/bench").toAbsolutePath();
        int runs = Integer.getInteger("bench.renderRuns", 5);
        int large = Integer.getInteger("bench.largeFiles", 100_000);

        Path cacheRoot = work.resolve("render-cache");
        GeneratedRepository.deleteRecursively(cacheRoot);
        try (RepositoryCache cache = new RepositoryCache(cacheRoot)) {
            GitSource source = new GitSource(cache);
            for (int warmUp = 0; warmUp < 3; warmUp++) {
                render(source, work, 1_000); // class loading and JIT, so the 1k figure is not mostly start-up
            }
            double small = median(source, work, 1_000, runs);
            double medium = median(source, work, 10_000, runs);
            double huge = render(source, work, large);
            System.out.printf(Locale.ROOT, "BENCH render_1k_files_seconds=%.3f%n", small);
            System.out.printf(Locale.ROOT, "BENCH render_10k_files_seconds=%.3f%n", medium);
            System.out.printf(Locale.ROOT, "BENCH render_files_10k_over_1k_ratio=%.2f%n", medium / small);
            System.out.printf(Locale.ROOT, "BENCH render_100k_files_seconds=%.3f%n", huge);
        }
    }

    private static double median(GitSource source, Path work, int files, int runs) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            times.add(render(source, work, files));
        }
        Collections.sort(times);
        int middle = times.size() / 2;
        return times.size() % 2 == 1 ? times.get(middle) : (times.get(middle - 1) + times.get(middle)) / 2;
    }

    /** Seconds to render the folder of {@code files} manifests from a fresh snapshot (its listing not yet built). */
    private static double render(GitSource source, Path work, int files) throws Exception {
        Path origin = repositoryWith(work, files);
        SourceSnapshot snapshot = source.fetch(SourceRequest.anonymous(origin.toUri().toString(), "main", "apps/many"));
        RenderOptions options = RenderOptions.defaults().withLimits(RenderLimits.defaults()
                .withMaxObjects(files + 1).withMaxTotalBytes(files * 1024L + RenderLimits.MIB));
        long start = System.nanoTime();
        RenderResult result = ManifestRenderer.withDefaults().render(snapshot, "apps/many", options);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (result.objects().size() != files) {
            throw new IllegalStateException("rendered " + result.objects().size() + " objects, expected " + files);
        }
        System.out.printf(Locale.ROOT, "render of %,d files: %.3f s%n", files, seconds);
        return seconds;
    }

    /** A bare repository, cached in {@code work}, whose one commit holds {@code apps/many/cm-NNNNNN.yaml}. */
    private static Path repositoryWith(Path work, int files) throws IOException {
        Path gitDir = work.resolve("render-" + files + "-files.git");
        if (Files.exists(gitDir.resolve("complete"))) {
            return gitDir;
        }
        GeneratedRepository.deleteRecursively(gitDir);
        try (Git git = Git.init().setBare(true).setDirectory(gitDir.toFile()).setInitialBranch("main").call();
                ObjectInserter inserter = git.getRepository().newObjectInserter()) {
            Repository repository = git.getRepository();
            TreeFormatter folder = new TreeFormatter();
            for (int i = 0; i < files; i++) { // zero-padded names of one length: already in Git's order
                String name = String.format(Locale.ROOT, "cm-%06d", i);
                String manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name
                        + "\ndata:\n  index: \"" + i + "\"\n";
                folder.append(name + ".yaml", FileMode.REGULAR_FILE,
                        inserter.insert(Constants.OBJ_BLOB, manifest.getBytes(StandardCharsets.UTF_8)));
            }
            TreeFormatter apps = new TreeFormatter();
            apps.append("many", FileMode.TREE, inserter.insert(folder));
            TreeFormatter root = new TreeFormatter();
            root.append("apps", FileMode.TREE, inserter.insert(apps));
            CommitBuilder commit = new CommitBuilder();
            PersonIdent author = new PersonIdent("Bench", "bench@example.com",
                    Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
            commit.setAuthor(author);
            commit.setCommitter(author);
            commit.setMessage(files + " manifests in one folder\n");
            commit.setTreeId(inserter.insert(root));
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repository.updateRef("refs/heads/main");
            update.setNewObjectId(id);
            update.forceUpdate();
        } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
            throw new IOException(e);
        }
        Files.writeString(gitDir.resolve("complete"), "generated\n");
        return gitDir;
    }
}
