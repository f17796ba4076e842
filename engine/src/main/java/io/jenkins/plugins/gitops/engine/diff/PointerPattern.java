package io.jenkins.plugins.gitops.engine.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * A JSON pointer (RFC 6901) into the normalised desired object, in which a token {@code *} stands for
 * any one key or list position: {@code /spec/replicas}, {@code /metadata/annotations/example.com~1hash},
 * {@code /spec/template/spec/containers/*}{@code /image}. List positions are those of the desired
 * object, as Git lists the elements.
 */
record PointerPattern(String pointer, List<String> tokens) {

    static final String ANY = "*";

    PointerPattern {
        tokens = List.copyOf(tokens);
    }

    /**
     * @throws IllegalArgumentException when {@code pointer} is not a JSON pointer to a field
     */
    static PointerPattern parse(String pointer) {
        if (pointer == null || !pointer.startsWith("/") || pointer.length() < 2) {
            throw new IllegalArgumentException("ignore rule pointer \"" + pointer
                    + "\" is not a JSON pointer to a field; write it like /spec/replicas");
        }
        List<String> tokens = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            if (raw.matches(".*~(?![01]).*")) {
                throw new IllegalArgumentException("ignore rule pointer \"" + pointer
                        + "\" has a ~ that is not ~0 or ~1; write ~1 for / and ~0 for ~");
            }
            // RFC 6901: ~1 before ~0, so that "~01" becomes "~1" and not "/".
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return new PointerPattern(pointer, tokens);
    }

    /** Whether the pointer names exactly the field at {@code path} (its ancestors are checked on the way down). */
    boolean matches(List<String> pathTokens) {
        if (pathTokens.size() != tokens.size()) {
            return false;
        }
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (!token.equals(ANY) && !token.equals(pathTokens.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return pointer;
    }
}
