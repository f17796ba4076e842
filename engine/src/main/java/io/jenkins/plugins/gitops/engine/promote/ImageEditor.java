package io.jenkins.plugins.gitops.engine.promote;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Sets the tag of one image in a YAML file, changing nothing else: comments, key order, indentation,
 * quoting and line endings stay byte for byte. The file is parsed with SnakeYAML's composer only to find
 * where values are; each change replaces exactly the characters of one scalar (or adds or removes one
 * {@code key: value} line), keeping the scalar's quoting style.
 *
 * <p>What counts as a reference depends on the {@link FileKind}:
 *
 * <ul>
 *   <li>{@link FileKind#MANIFESTS}: the {@code image} of every mapping in a {@code containers},
 *       {@code initContainers} or {@code ephemeralContainers} list, wherever it is (Deployments, Jobs,
 *       CronJobs, Pods, custom resources that embed a pod spec, {@code kind: List}), in every document.
 *       The repository is kept as written, the tag replaced and a digest dropped.</li>
 *   <li>{@link FileKind#KUSTOMIZATION}: each {@code images} entry whose {@code name} or {@code newName} is
 *       the image. Its {@code newTag} is set (added when missing) and its {@code digest} removed, since
 *       Kustomize would otherwise use the digest and ignore the tag.</li>
 *   <li>{@link FileKind#HELM_VALUES}: every mapping with {@code repository: <image>} (or {@code registry}
 *       plus {@code repository}) gets its sibling {@code tag} set (added when missing) and a non-empty
 *       sibling {@code digest} emptied; every {@code image: <image>[:tag]} string is rewritten.</li>
 * </ul>
 *
 * <p>A value written under an anchor and used through aliases is changed once, at the anchor. A tag that
 * YAML would read as something other than a string ({@code 1.10}, {@code 10}, {@code 2024-01-01}) is
 * written in double quotes when the value was plain (unquoted); an existing unquoted value of that kind
 * is quoted even when it already equals the tag, because tools would read {@code 1.10} as {@code 1.1}.
 */
public final class ImageEditor {

    /** How a file uses images. */
    public enum FileKind {
        /** Kubernetes manifests: container images in pod specs. */
        MANIFESTS,
        /** A {@code kustomization.yaml}: its {@code images} entries. */
        KUSTOMIZATION,
        /** A Helm values file: {@code repository}/{@code tag} pairs and {@code image} strings. */
        HELM_VALUES
    }

    private static final Set<String> CONTAINER_LISTS = Set.of("containers", "initContainers", "ephemeralContainers");
    private static final Resolver RESOLVER = new Resolver();

    private final ImageReference image;
    private final String tag;

    /**
     * @param image the repository to look for; a tag or digest in it is ignored
     * @param tag the tag to set
     * @throws PromotionException (INVALID_REQUEST) when the tag is not a valid image tag
     */
    public ImageEditor(ImageReference image, String tag) throws PromotionException {
        this.image = Objects.requireNonNull(image, "image");
        this.tag = ImageReference.checkTag(tag);
    }

    /**
     * Sets the tag wherever {@code content} refers to the image.
     *
     * @param file the file's path, for edits and messages
     * @throws PromotionException (UNEDITABLE) when the file refers to the image but cannot be edited safely:
     *     not UTF-8, not valid YAML, or the value written as a block scalar
     */
    public EditedFile edit(String file, byte[] content, FileKind kind) throws PromotionException {
        Objects.requireNonNull(kind, "kind");
        String text = decode(file, content);
        List<Node> documents = compose(file, text);
        if (documents == null) {
            return new EditedFile(file, content, List.of(), 0);
        }
        FileEdits edits = new FileEdits(file, text);
        for (Node document : documents) {
            switch (kind) {
                case MANIFESTS -> walk(document, edits::containerImages, edits.seen);
                case HELM_VALUES -> walk(document, edits::helmValues, edits.seen);
                case KUSTOMIZATION -> {
                    if (document instanceof MappingNode root) {
                        edits.kustomizationImages(root);
                    }
                }
                default -> throw new IllegalStateException("unknown file kind " + kind);
            }
        }
        if (edits.changes.isEmpty()) {
            return new EditedFile(file, content, List.of(), edits.references);
        }
        return new EditedFile(file, edits.apply().getBytes(StandardCharsets.UTF_8), edits.edits(), edits.references);
    }

    private String decode(String file, byte[] content) throws PromotionException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new PromotionException(PromotionException.Reason.UNEDITABLE, file,
                    file + ": is not UTF-8 text (" + e.getMessage() + "); save it as UTF-8", e);
        }
    }

    /** The documents of the file; {@code null} when it is not YAML and does not mention the image either. */
    private List<Node> compose(String file, String text) throws PromotionException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        options.setMaxAliasesForCollections(10_000);
        options.setCodePointLimit(Integer.MAX_VALUE);
        Yaml yaml = new Yaml(options);
        List<Node> documents = new ArrayList<>();
        try {
            for (Node document : yaml.composeAll(new StringReader(text))) {
                if (document != null) {
                    documents.add(document);
                }
            }
            return documents;
        } catch (YAMLException e) {
            String lastComponent = image.path().substring(image.path().lastIndexOf('/') + 1);
            if (!text.contains(lastComponent)) {
                return null; // not ours to judge: it does not mention the image
            }
            String where = file;
            String problem = e.getMessage();
            if (e instanceof MarkedYAMLException marked) {
                Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
                if (mark != null) {
                    where = file + ":" + (mark.getLine() + 1);
                }
                problem = marked.getProblem() == null ? marked.getContext() : marked.getProblem();
            }
            throw new PromotionException(PromotionException.Reason.UNEDITABLE, where,
                    where + ": not valid YAML (" + (problem == null ? "syntax error" : problem.strip())
                            + "); fix the file, then set the image again", e);
        }
    }

    @FunctionalInterface
    private interface MappingVisitor {
        void visit(MappingNode mapping) throws PromotionException;
    }

    /** Visits every mapping below {@code node} once, aliases included only the first time they appear. */
    private static void walk(Node node, MappingVisitor visitor, Set<Node> seen) throws PromotionException {
        if (!seen.add(node)) {
            return;
        }
        if (node instanceof MappingNode mapping) {
            visitor.visit(mapping);
            for (NodeTuple tuple : mapping.getValue()) {
                walk(tuple.getValueNode(), visitor, seen);
            }
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                walk(item, visitor, seen);
            }
        }
    }

    private static String key(NodeTuple tuple) {
        return tuple.getKeyNode() instanceof ScalarNode key ? key.getValue() : null;
    }

    private static NodeTuple tuple(MappingNode mapping, String key) {
        NodeTuple found = null;
        for (NodeTuple tuple : mapping.getValue()) {
            if (key.equals(key(tuple))) {
                found = tuple; // the last one wins, as for a YAML reader allowing duplicates
            }
        }
        return found;
    }

    private static ScalarNode scalar(MappingNode mapping, String key) {
        NodeTuple tuple = tuple(mapping, key);
        return tuple != null && tuple.getValueNode() instanceof ScalarNode value ? value : null;
    }

    private static ImageReference parseOrNull(String text) {
        try {
            return ImageReference.parse(text);
        } catch (PromotionException notAnImage) {
            return null; // a template expression, a placeholder: not a reference we could match
        }
    }

    /** Whether {@code value}, written without quotes, is read back by YAML as the same string. */
    static boolean isPlainString(String value) {
        return !value.isEmpty() && RESOLVER.resolve(NodeId.scalar, value, true).equals(Tag.STR);
    }

    private static boolean isEmptyValue(ScalarNode node) {
        String value = node.getValue();
        return value.isEmpty() || node.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
                && (value.equals("~") || value.equals("null") || value.equals("Null") || value.equals("NULL"));
    }

    /** A text change: replace {@code [start, end)} with {@code text}. */
    private record Change(int start, int end, String text) {
    }

    /** The changes to one file, collected while walking it, then applied from the end. */
    private final class FileEdits {
        final String file;
        final String text;
        final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        final Set<Node> handled = Collections.newSetFromMap(new IdentityHashMap<>());
        final List<Change> changes = new ArrayList<>();
        final List<ImageEdit> edits = new ArrayList<>();
        int references;
        private final boolean surrogates;

        FileEdits(String file, String text) {
            this.file = file;
            this.text = text;
            this.surrogates = text.codePointCount(0, text.length()) != text.length();
        }

        // ---- what refers to the image ----

        void containerImages(MappingNode mapping) throws PromotionException {
            for (NodeTuple tuple : mapping.getValue()) {
                if (CONTAINER_LISTS.contains(key(tuple)) && tuple.getValueNode() instanceof SequenceNode list) {
                    for (Node item : list.getValue()) {
                        if (item instanceof MappingNode container) {
                            ScalarNode value = scalar(container, "image");
                            if (value != null) {
                                imageString(value);
                            }
                        }
                    }
                }
            }
        }

        void helmValues(MappingNode mapping) throws PromotionException {
            ScalarNode repository = scalar(mapping, "repository");
            if (repository != null) {
                ScalarNode registry = scalar(mapping, "registry");
                String full = registry == null || isEmptyValue(registry) ? repository.getValue()
                        : registry.getValue() + "/" + repository.getValue();
                ImageReference found = parseOrNull(full);
                if (found != null && !found.isPinned() && found.hasSameRepository(image) && handled.add(mapping)) {
                    references++;
                    helmTag(mapping);
                }
            }
            for (NodeTuple tuple : mapping.getValue()) {
                if ("image".equals(key(tuple)) && tuple.getValueNode() instanceof ScalarNode value) {
                    imageString(value);
                }
            }
        }

        void kustomizationImages(MappingNode root) throws PromotionException {
            NodeTuple images = tuple(root, "images");
            if (images == null || !(images.getValueNode() instanceof SequenceNode entries)) {
                return;
            }
            for (Node item : entries.getValue()) {
                if (!(item instanceof MappingNode entry) || !matchesKustomizeEntry(entry) || !handled.add(entry)) {
                    continue;
                }
                references++;
                ScalarNode newTag = scalar(entry, "newTag");
                NodeTuple digest = tuple(entry, "digest");
                boolean hasDigest = digest != null && digest.getValueNode() instanceof ScalarNode value && !isEmptyValue(value);
                if (newTag != null) {
                    setTag(newTag, "newTag");
                    if (hasDigest) {
                        removePair(entry, digest);
                    }
                } else if (hasDigest) {
                    // digest: sha256:... becomes newTag: <tag>, on the same line
                    ScalarNode value = (ScalarNode) digest.getValueNode();
                    replaceKey((ScalarNode) digest.getKeyNode(), "newTag");
                    replace(value, "newTag", tag);
                    ImageEdit combined = edits.remove(edits.size() - 1);
                    edits.add(new ImageEdit(file, combined.line(), "digest", combined.oldValue(), ""));
                    edits.add(new ImageEdit(file, combined.line(), "newTag", "", combined.newValue()));
                } else {
                    insertPair(entry, "newTag");
                }
            }
        }

        private boolean matchesKustomizeEntry(MappingNode entry) {
            for (String key : List.of("name", "newName")) {
                ScalarNode value = scalar(entry, key);
                ImageReference found = value == null ? null : parseOrNull(value.getValue());
                if (found != null && found.hasSameRepository(image)) {
                    return true;
                }
            }
            return false;
        }

        // ---- changes ----

        /** An {@code image: repo[:tag][@digest]} string: keep the repository as written, set the tag, drop a digest. */
        private void imageString(ScalarNode node) throws PromotionException {
            ImageReference found = parseOrNull(node.getValue());
            if (found == null || !found.hasSameRepository(image) || !handled.add(node)) {
                return;
            }
            references++;
            if (tag.equals(found.tag()) && found.digest() == null) {
                return;
            }
            replace(node, "image", found.withTag(tag));
        }

        private void helmTag(MappingNode mapping) throws PromotionException {
            NodeTuple tagTuple = tuple(mapping, "tag");
            if (tagTuple == null) {
                insertPair(mapping, "tag");
            } else if (tagTuple.getValueNode() instanceof ScalarNode value) {
                setTag(value, "tag");
            } else {
                throw uneditable(tagTuple.getValueNode(), "tag is not a single value");
            }
            ScalarNode digest = scalar(mapping, "digest");
            if (digest != null && !isEmptyValue(digest)) {
                replace(digest, "digest", "");
            }
        }

        private void setTag(ScalarNode node, String field) throws PromotionException {
            boolean plain = node.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
            if (node.getValue().equals(tag) && (!plain || isPlainString(tag))) {
                return;
            }
            replace(node, field, tag);
        }

        /** Replaces a scalar's characters with {@code value}, quoted as the old value was. */
        private void replace(ScalarNode node, String field, String value) throws PromotionException {
            DumperOptions.ScalarStyle style = node.getScalarStyle();
            if (style == DumperOptions.ScalarStyle.LITERAL || style == DumperOptions.ScalarStyle.FOLDED) {
                throw uneditable(node, field + " is written as a block scalar (| or >); write it on one line");
            }
            int start = valueStart(node);
            int end = Math.max(start, charIndex(node.getEndMark()));
            for (Change change : changes) {
                if (change.start() == start && change.end() == end) {
                    return; // the same scalar, reached twice (an alias): edited once
                }
            }
            String written = switch (style) {
                case SINGLE_QUOTED -> "'" + value + "'";
                case DOUBLE_QUOTED -> "\"" + value + "\"";
                default -> isPlainString(value) ? value : "\"" + value + "\"";
            };
            if (start == end && start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
                written = " " + written; // an empty value right after "key:"
            }
            changes.add(new Change(start, end, written));
            edits.add(new ImageEdit(file, lineOf(start), field, text.substring(start, end).strip(), written.strip()));
        }

        private void replaceKey(ScalarNode key, String newKey) {
            int start = valueStart(key);
            int end = charIndex(key.getEndMark());
            String written = switch (key.getScalarStyle()) {
                case SINGLE_QUOTED -> "'" + newKey + "'";
                case DOUBLE_QUOTED -> "\"" + newKey + "\"";
                default -> newKey;
            };
            changes.add(new Change(start, end, written));
        }

        /** Adds {@code key: <tag>} as the last entry of a mapping, in its style and indentation. */
        private void insertPair(MappingNode mapping, String key) throws PromotionException {
            String value = isPlainString(tag) ? tag : "\"" + tag + "\"";
            List<NodeTuple> tuples = mapping.getValue();
            NodeTuple last = tuples.get(tuples.size() - 1);
            int lastEnd = endOf(last.getValueNode());
            if (mapping.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
                changes.add(new Change(lastEnd, lastEnd, ", " + key + ": " + value));
                edits.add(new ImageEdit(file, lineOf(lastEnd), key, "", value));
                return;
            }
            int firstKey = valueStart(tuples.get(0).getKeyNode());
            String indent = " ".repeat(firstKey - lineStart(firstKey));
            int lineStart = lineStart(lastEnd);
            int at;
            String inserted;
            if (text.substring(lineStart, lastEnd).isBlank()) {
                at = lineStart;
                inserted = indent + key + ": " + value + lineEnding(lineStart);
            } else {
                int newline = text.indexOf('\n', lastEnd);
                if (newline < 0) {
                    at = text.length();
                    inserted = lineEnding(0) + indent + key + ": " + value;
                } else {
                    at = newline + 1;
                    inserted = indent + key + ": " + value + lineEnding(newline);
                }
            }
            changes.add(new Change(at, at, inserted));
            boolean appendedAtEnd = at == text.length() && inserted.startsWith(lineEnding(0));
            edits.add(new ImageEdit(file, lineOf(at) + (appendedAtEnd ? 1 : 0), key, "", value));
        }

        /** Removes a {@code key: value} line of a block mapping; empties the value when it does not have its own line. */
        private void removePair(MappingNode mapping, NodeTuple pair) throws PromotionException {
            ScalarNode value = (ScalarNode) pair.getValueNode();
            int keyStart = valueStart(pair.getKeyNode());
            int valueEnd = charIndex(value.getEndMark());
            int lineStart = lineStart(keyStart);
            int newline = text.indexOf('\n', valueEnd);
            int lineEnd = newline < 0 ? text.length() : newline + 1;
            String after = text.substring(valueEnd, newline < 0 ? text.length() : newline).strip();
            boolean ownLine = mapping.getFlowStyle() != DumperOptions.FlowStyle.FLOW
                    && text.substring(lineStart, keyStart).isBlank() && (after.isEmpty() || after.startsWith("#"));
            if (!ownLine) {
                replace(value, "digest", "");
                return;
            }
            changes.add(new Change(lineStart, lineEnd, ""));
            edits.add(new ImageEdit(file, lineOf(keyStart), "digest", value.getValue(), ""));
        }

        private PromotionException uneditable(Node node, String what) {
            String where = file + ":" + lineOf(valueStart(node));
            return new PromotionException(PromotionException.Reason.UNEDITABLE, where, where + ": " + what);
        }

        // ---- positions ----

        /** Where a node's own text starts: after its anchor ({@code &name}) and tag ({@code !!str}), if any. */
        private int valueStart(Node node) {
            int position = charIndex(node.getStartMark());
            int end = endOf(node);
            while (position < end && (text.charAt(position) == '&' || text.charAt(position) == '!')) {
                while (position < end && !Character.isWhitespace(text.charAt(position))) {
                    position++;
                }
                while (position < end && Character.isWhitespace(text.charAt(position))) {
                    position++;
                }
            }
            return position;
        }

        private int endOf(Node node) {
            return charIndex(node.getEndMark());
        }

        /** SnakeYAML's marks count code points; Java strings count UTF-16 chars. */
        private int charIndex(Mark mark) {
            int codePoints = Math.min(mark.getIndex(), text.codePointCount(0, text.length()));
            return surrogates ? text.offsetByCodePoints(0, codePoints) : codePoints;
        }

        private int lineStart(int index) {
            return text.lastIndexOf('\n', index - 1) + 1;
        }

        private int lineOf(int index) {
            int line = 1;
            for (int i = 0; i < index && i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }

        /** The line ending used at {@code newline} (or, without one there, the file's first). */
        private String lineEnding(int newline) {
            int at = newline < text.length() && text.charAt(newline) == '\n' ? newline : text.indexOf('\n');
            return at > 0 && text.charAt(at - 1) == '\r' ? "\r\n" : "\n";
        }

        List<ImageEdit> edits() {
            List<ImageEdit> sorted = new ArrayList<>(edits);
            sorted.sort(Comparator.comparingInt(ImageEdit::line));
            return sorted;
        }

        String apply() {
            List<Change> ordered = new ArrayList<>(changes);
            ordered.sort(Comparator.comparingInt(Change::start).thenComparingInt(Change::end).reversed());
            StringBuilder result = new StringBuilder(text);
            int limit = Integer.MAX_VALUE;
            for (Change change : ordered) {
                if (change.end() > limit) {
                    throw new IllegalStateException(file + ": overlapping edits at " + change.start());
                }
                result.replace(change.start(), change.end(), change.text());
                limit = change.start();
            }
            return result.toString();
        }
    }
}
