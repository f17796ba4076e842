package io.jenkins.plugins.gitops.engine.declare;

/**
 * Bounds on what a folder repository can make a computation do. The repository is input from whoever can push to
 * it: a pattern matching every file of a huge repository, a gigabyte "declaration" or a YAML bomb must cost a
 * bounded amount of memory and time, and end as an error naming what to change.
 */
public final class DeclarationLimits {

    /** More environments than this in one folder is almost certainly a pattern that matches too much. */
    public static final int MAX_ENVIRONMENTS = 2_000;

    /** A declaration is a screenful of settings; a larger file is not one. */
    public static final int MAX_DECLARATION_BYTES = 64 * 1024;

    /** Declarations have two levels ({@code syncPolicy.automated}); a little slack for lists. */
    public static final int MAX_NESTING_DEPTH = 8;

    /** Aliases are of no use in a declaration and are the means of "billion laughs" documents. */
    public static final int MAX_ALIASES = 0;

    /** A pattern is a few folder names and wildcards. */
    public static final int MAX_PATTERN_LENGTH = 256;

    /** Folders deep enough for {@code clusters/<cluster>/apps/<app>/overlays/<overlay>} and more. */
    public static final int MAX_PATTERN_SEGMENTS = 16;

    /** Jenkins keeps an item in a folder of this name; file systems allow 255 bytes. */
    public static final int MAX_NAME_LENGTH = 100;

    /** A template expands to a setting (a name, a path, an ID); a longer result is a mistake. */
    public static final int MAX_EXPANDED_LENGTH = 2_048;

    private DeclarationLimits() {
    }
}
