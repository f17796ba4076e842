package io.jenkins.plugins.gitops.engine.promote;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A file after {@link ImageEditor#edit}: its new bytes and what changed.
 *
 * @param file the file, relative to the repository root
 * @param content the new content; the old content when nothing changed
 * @param edits the changes, in file order; empty when the file already had the tag or does not use the image
 * @param references how many places in the file refer to the image (changed or already at the tag)
 */
public record EditedFile(String file, byte[] content, List<ImageEdit> edits, int references) {

    public EditedFile {
        Objects.requireNonNull(file, "file");
        content = Objects.requireNonNull(content, "content").clone();
        edits = List.copyOf(edits);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** Whether the content differs from the file's old content. */
    public boolean isChanged() {
        return !edits.isEmpty();
    }

    /** Whether the file refers to the image at all. */
    public boolean isReferenced() {
        return references > 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EditedFile that && file.equals(that.file)
                && Arrays.equals(content, that.content) && edits.equals(that.edits)
                && references == that.references;
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, edits, references);
    }

    @Override
    public String toString() {
        return "EditedFile[" + file + ", " + edits + ", references=" + references + "]";
    }
}
