package io.jenkins.plugins.gitops.engine.promote;

import io.jenkins.plugins.gitops.engine.promote.ImageEditor.FileKind;
import io.jenkins.plugins.gitops.engine.source.BranchWriter;
import io.jenkins.plugins.gitops.engine.source.CommitInfo;
import io.jenkins.plugins.gitops.engine.source.GitSource;
import io.jenkins.plugins.gitops.engine.source.RepositoryCache;
import io.jenkins.plugins.gitops.engine.source.SourceException;
import io.jenkins.plugins.gitops.engine.source.UrlRedaction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * The engine half of {@code gitopsSetImage}: sets an image's tag in an environment's folder and pushes
 * the change as one commit, without a working tree.
 *
 * <ol>
 *   <li>The branch tip is fetched into the {@link RepositoryCache}'s bare repository.</li>
 *   <li>The files under the path are edited by {@link ImageEditor}, chosen as Argo CD and the renderers
 *       choose the format: a folder with a kustomization file means its {@code images} entries; a folder
 *       with a {@code Chart.yaml} means the values files (the environment's, else the chart's
 *       {@code values.yaml}); any other folder means every {@code *.yaml}/{@code *.yml} file below it
 *       (hidden ones skipped). Values files given are edited as Helm values whatever the folder holds.</li>
 *   <li>The changed blobs, a tree and a commit are written straight into the object database; the commit's
 *       message names image, tag and environment, lists the edits, and ends with trailers, the last one
 *       {@code Jenkins-Build: <url>}.</li>
 *   <li>The commit is pushed to the branch, expecting the remote still at the fetched tip. When the
 *       branch moved meanwhile, everything is done again on the new tip, up to {@code maxAttempts} times.</li>
 * </ol>
 *
 * <p>When every reference already has the tag, nothing is committed ({@link PromotionResult.Status#ALREADY_AT_TAG});
 * when nothing refers to the image, it fails (NOT_REFERENCED) rather than add a reference nobody asked for.
 * Thread-safe; pushes to one repository are serialized by the cache's lock.
 */
public final class ImagePromotion {

    /** How many times the change is written and pushed before a moving branch counts as a conflict. */
    public static final int DEFAULT_ATTEMPTS = 3;

    private static final Logger LOGGER = Logger.getLogger(ImagePromotion.class.getName());
    private static final List<String> KUSTOMIZATION_FILES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    private static final String CHART_FILE = "Chart.yaml";
    private static final String CHART_VALUES = "values.yaml";

    private final RepositoryCache cache;
    private final Duration timeout;
    private final int maxAttempts;

    public ImagePromotion(RepositoryCache cache) {
        this(cache, GitSource.DEFAULT_TIMEOUT, DEFAULT_ATTEMPTS);
    }

    public ImagePromotion(RepositoryCache cache, Duration timeout, int maxAttempts) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
    }

    /**
     * Sets the image's tag on the target branch and pushes the commit.
     *
     * @throws PromotionException INVALID_REQUEST (image, tag, path or values file), NOT_REFERENCED,
     *     UNEDITABLE (a file that refers to the image cannot be edited), GIT (unknown branch, authentication,
     *     refused push, unreachable server; the cause is the {@link SourceException}) or CONFLICT (the
     *     branch moved on every attempt)
     */
    public PromotionResult promote(PromotionTarget target, PromotionRequest request) throws PromotionException {
        ImageReference image = ImageReference.parse(request.image());
        if (image.isPinned()) {
            String subject = "image \"" + request.image() + "\"";
            throw new PromotionException(PromotionException.Reason.INVALID_REQUEST, subject, subject
                    + ": has a tag or digest; give the repository alone (" + image.name() + ") and the tag as tag");
        }
        ImageEditor editor = new ImageEditor(image, request.tag());
        String path = normalize(target.path(), "path");
        List<String> valuesFiles = new ArrayList<>();
        for (String file : target.valuesFiles()) {
            valuesFiles.add(normalize(file, "values file"));
        }
        BranchWriter writer = new BranchWriter(cache, timeout);
        String lastRefusal = "";
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Attempt current = new Attempt(target, request, image, editor, path, valuesFiles);
            BranchWriter.Outcome outcome;
            try {
                outcome = writer.write(target.url(), target.credentials(), target.branch(), current::commitOn);
            } catch (PromotionException e) {
                throw e;
            } catch (SourceException e) {
                throw gitFailure(e, target);
            } catch (IOException e) {
                String where = UrlRedaction.redact(target.url()) + "@" + target.branch();
                throw new PromotionException(PromotionException.Reason.GIT, where, where + ": cannot write the commit ("
                        + e.getMessage() + "); check disk space and permissions of the repository cache", e);
            }
            if (outcome instanceof BranchWriter.Outcome.Pushed pushed) {
                LOGGER.fine(() -> "Pushed " + pushed.commit() + " setting " + image.name() + " to " + request.tag()
                        + " for " + target.environment());
                return new PromotionResult(PromotionResult.Status.COMMITTED, pushed.commit(), pushed.previousTip(),
                        current.edits, attempt);
            }
            if (outcome instanceof BranchWriter.Outcome.Unchanged unchanged) {
                return new PromotionResult(PromotionResult.Status.ALREADY_AT_TAG, unchanged.tip(), unchanged.tip(),
                        List.of(), attempt);
            }
            BranchWriter.Outcome.RemoteMoved moved = (BranchWriter.Outcome.RemoteMoved) outcome;
            lastRefusal = moved.detail();
            int done = attempt;
            LOGGER.fine(() -> "Branch " + target.branch() + " moved while pushing (attempt " + done + " of "
                    + maxAttempts + "): " + moved.detail());
        }
        String where = redactedWhere(target);
        throw new PromotionException(PromotionException.Reason.CONFLICT, where, where + ": the branch moved during each of "
                + maxAttempts + " attempts to push (last: " + lastRefusal.toLowerCase(Locale.ROOT)
                + "); run the step again, or check which other job pushes to this branch");
    }

    private static PromotionException gitFailure(SourceException e, PromotionTarget target) {
        if (e.reason() == SourceException.Reason.UNKNOWN_REVISION) {
            String where = e.url();
            return new PromotionException(PromotionException.Reason.GIT, where, where + ": branch \"" + target.branch()
                    + "\" not found; check the branch name, or create the branch first", e);
        }
        return new PromotionException(PromotionException.Reason.GIT, e.url(), e.getMessage(), e);
    }

    private static String redactedWhere(PromotionTarget target) {
        return UrlRedaction.redact(target.url()) + " branch " + target.branch();
    }

    private static String normalize(String path, String what) throws PromotionException {
        String normalized = path.strip().replace('\\', '/');
        while (normalized.startsWith("./")) {
            normalized = normalized.substring(2);
        }
        normalized = normalized.replaceAll("/+", "/").replaceAll("^/|/$", "");
        if (normalized.equals(".")) {
            normalized = "";
        }
        for (String segment : normalized.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new PromotionException(PromotionException.Reason.INVALID_REQUEST, what + " \"" + path + "\"",
                        what + " \"" + path + "\": must stay inside the repository without \".\" or \"..\";"
                                + " give a path relative to the repository root");
            }
        }
        return normalized;
    }

    /** A file to edit: where, how it uses images, and its blob. */
    private record TreeFile(String path, FileKind kind, ObjectId blob, FileMode mode) {
    }

    /** One attempt: edit the files of one tip and write the commit. */
    private static final class Attempt {
        private final PromotionTarget target;
        private final PromotionRequest request;
        private final ImageReference image;
        private final ImageEditor editor;
        private final String path;
        private final List<String> valuesFiles;
        private List<ImageEdit> edits = List.of();

        Attempt(PromotionTarget target, PromotionRequest request, ImageReference image, ImageEditor editor, String path,
                List<String> valuesFiles) {
            this.target = target;
            this.request = request;
            this.image = image;
            this.editor = editor;
            this.path = path;
            this.valuesFiles = valuesFiles;
        }

        ObjectId commitOn(Repository repository, RevCommit tip) throws IOException {
            try (ObjectReader reader = repository.newObjectReader(); ObjectInserter inserter = repository.newObjectInserter()) {
                String where = redactedWhere(target) + "@" + tip.abbreviate(7).name();
                Map<String, TreeFile> files = filesToEdit(reader, tip.getTree(), where);
                List<ImageEdit> made = new ArrayList<>();
                Map<String, ObjectId> changed = new LinkedHashMap<>();
                int references = 0;
                for (TreeFile file : files.values()) {
                    byte[] content = reader.open(file.blob(), Constants.OBJ_BLOB).getBytes();
                    EditedFile edited = editor.edit(file.path(), content, file.kind());
                    references += edited.references();
                    if (edited.isChanged()) {
                        changed.put(file.path(), inserter.insert(Constants.OBJ_BLOB, edited.content()));
                        made.addAll(edited.edits());
                    }
                }
                if (references == 0) {
                    String scope = path.isEmpty() ? "the repository" : "\"" + path + "\"";
                    throw new PromotionException(PromotionException.Reason.NOT_REFERENCED, where, where + ": image "
                            + image.name() + " is not referenced in " + scope + " (" + files.size() + " files looked at: "
                            + "container images, kustomization images entries, Helm values); check the image name,"
                            + " or add the image to the manifests first");
                }
                if (changed.isEmpty()) {
                    return null;
                }
                edits = List.copyOf(made);
                ObjectId tree = writeTree(reader, inserter, tip.getTree(), changed, files);
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(tree);
                commit.setParentId(tip);
                PersonIdent author = new PersonIdent(request.authorName(), request.authorEmail());
                commit.setAuthor(author);
                commit.setCommitter(author);
                commit.setEncoding(StandardCharsets.UTF_8);
                commit.setMessage(message());
                ObjectId id = inserter.insert(commit);
                inserter.flush();
                return id;
            }
        }

        private Map<String, TreeFile> filesToEdit(ObjectReader reader, RevTree tree, String where) throws IOException {
            Map<String, TreeFile> files = new LinkedHashMap<>();
            if (!path.isEmpty()) {
                try (TreeWalk entry = TreeWalk.forPath(reader, path, tree)) {
                    if (entry == null) {
                        throw new PromotionException(PromotionException.Reason.INVALID_REQUEST, where, where + ": path \""
                                + path + "\" does not exist; check the environment's path");
                    }
                    if (entry.getFileMode(0) != FileMode.TREE) {
                        String name = path.substring(path.lastIndexOf('/') + 1);
                        FileKind kind = valuesFiles.contains(path) ? FileKind.HELM_VALUES
                                : KUSTOMIZATION_FILES.contains(name) ? FileKind.KUSTOMIZATION : FileKind.MANIFESTS;
                        files.put(path, new TreeFile(path, kind, entry.getObjectId(0), entry.getFileMode(0)));
                        addValuesFiles(reader, tree, where, files);
                        return files;
                    }
                }
            }
            String prefix = path.isEmpty() ? "" : path + "/";
            TreeFile kustomization = null;
            for (String name : KUSTOMIZATION_FILES) {
                TreeFile found = file(reader, tree, prefix + name, FileKind.KUSTOMIZATION);
                if (found != null && kustomization == null) {
                    kustomization = found;
                }
            }
            if (kustomization != null) {
                files.put(kustomization.path(), kustomization);
            } else if (file(reader, tree, prefix + CHART_FILE, FileKind.MANIFESTS) != null) {
                if (valuesFiles.isEmpty()) {
                    TreeFile values = file(reader, tree, prefix + CHART_VALUES, FileKind.HELM_VALUES);
                    if (values != null) {
                        files.put(values.path(), values);
                    }
                }
            } else {
                addManifests(reader, tree, files);
            }
            addValuesFiles(reader, tree, where, files);
            return files;
        }

        private void addManifests(ObjectReader reader, RevTree tree, Map<String, TreeFile> files) throws IOException {
            try (TreeWalk walk = new TreeWalk(reader)) {
                walk.addTree(tree);
                walk.setRecursive(true);
                if (!path.isEmpty()) {
                    walk.setFilter(PathFilter.create(path));
                }
                while (walk.next()) {
                    String file = walk.getPathString();
                    String relative = path.isEmpty() ? file : file.substring(path.length() + 1);
                    FileMode mode = walk.getFileMode(0);
                    String name = file.substring(file.lastIndexOf('/') + 1);
                    boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml") || name.equals("Kustomization");
                    boolean hidden = relative.startsWith(".") || relative.contains("/.");
                    if (!yaml || hidden || (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE)) {
                        continue;
                    }
                    FileKind kind = KUSTOMIZATION_FILES.contains(name) ? FileKind.KUSTOMIZATION : FileKind.MANIFESTS;
                    files.put(file, new TreeFile(file, kind, walk.getObjectId(0), mode));
                }
            }
        }

        private void addValuesFiles(ObjectReader reader, RevTree tree, String where, Map<String, TreeFile> files)
                throws IOException {
            for (String valuesFile : valuesFiles) {
                TreeFile values = file(reader, tree, valuesFile, FileKind.HELM_VALUES);
                if (values == null) {
                    throw new PromotionException(PromotionException.Reason.INVALID_REQUEST, where, where + ": values file \""
                            + valuesFile + "\" does not exist; check the environment's values files");
                }
                files.put(values.path(), values);
            }
        }

        private static TreeFile file(ObjectReader reader, RevTree tree, String file, FileKind kind) throws IOException {
            try (TreeWalk entry = TreeWalk.forPath(reader, file, tree)) {
                if (entry == null) {
                    return null;
                }
                FileMode mode = entry.getFileMode(0);
                if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                    return null;
                }
                return new TreeFile(file, kind, entry.getObjectId(0), mode);
            }
        }

        private static ObjectId writeTree(ObjectReader reader, ObjectInserter inserter, RevTree base,
                Map<String, ObjectId> changed, Map<String, TreeFile> files) throws IOException {
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, base);
            builder.finish();
            DirCacheEditor editor = index.editor();
            for (Map.Entry<String, ObjectId> change : changed.entrySet()) {
                FileMode mode = files.get(change.getKey()).mode();
                editor.add(new DirCacheEditor.PathEdit(change.getKey()) {
                    @Override
                    public void apply(DirCacheEntry entry) {
                        entry.setFileMode(mode);
                        entry.setObjectId(change.getValue());
                    }
                });
            }
            editor.finish();
            return index.writeTree(inserter);
        }

        private String message() {
            String environment = oneLine(target.environment());
            StringBuilder message = new StringBuilder();
            String given = request.message() == null ? "" : request.message().strip();
            message.append(given.isEmpty() ? "Set " + image.name() + " to " + request.tag() + " in " + environment : given);
            message.append("\n\n");
            for (ImageEdit edit : edits) {
                message.append(edit).append('\n');
            }
            message.append('\n');
            message.append("Image: ").append(image.name()).append('\n');
            message.append("Tag: ").append(request.tag()).append('\n');
            message.append("Environment: ").append(environment).append('\n');
            if (request.buildUrl() != null && !request.buildUrl().isBlank()) {
                message.append(CommitInfo.JENKINS_BUILD_TRAILER).append(": ").append(oneLine(request.buildUrl())).append('\n');
            }
            return message.toString();
        }

        private static String oneLine(String text) {
            return text.strip().replaceAll("\\s+", " ");
        }
    }
}
