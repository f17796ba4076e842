package io.jenkins.plugins.gitops.engine.declare;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.reader.UnicodeReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads one declaration file: YAML (JSON is YAML too), one document, checked against the {@link DeclarationSchema}.
 *
 * <p>The document is only composed into nodes, never constructed into objects, so no tag can create a Java object.
 * Its size, nesting depth and aliases are bounded ({@link DeclarationLimits}) before anything is built, so a
 * "billion laughs" document fails at its first alias.
 */
public final class DeclarationParser {

    private final DeclarationSchema schema;

    public DeclarationParser(DeclarationSchema schema) {
        this.schema = schema;
    }

    /**
     * @param file the repository path of the file, for errors
     * @param errors receives every problem, each naming {@code file} and a line
     * @return the checked values (see {@link DeclarationSchema#validate}), or null when there was any error
     */
    public Map<String, Object> parse(String file, byte[] content, List<DeclarationError> errors) {
        if (content.length > DeclarationLimits.MAX_DECLARATION_BYTES) {
            errors.add(new DeclarationError(file, 0, "is " + content.length + " bytes; a declaration may have at most "
                    + DeclarationLimits.MAX_DECLARATION_BYTES + " bytes"));
            return null;
        }
        Node document;
        try {
            document = composer(content).getSingleNode();
        } catch (MarkedYAMLException e) {
            errors.add(new DeclarationError(file, lineOf(e), "malformed YAML ("
                    + (e.getContext() == null ? "" : e.getContext() + ": ") + e.getProblem() + "); fix the syntax"));
            return null;
        } catch (YAMLException e) {
            errors.add(new DeclarationError(file, 0, "unreadable YAML (" + e.getMessage() + "); fix the file"));
            return null;
        }
        if (document == null) {
            errors.add(new DeclarationError(file, 0, "is empty; declare the environment's settings, or delete the"
                    + " file to remove the environment"));
            return null;
        }
        return schema.validate(document, file, errors);
    }

    private static Composer composer(byte[] content) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(DeclarationLimits.MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(DeclarationLimits.MAX_NESTING_DEPTH);
        options.setCodePointLimit(DeclarationLimits.MAX_DECLARATION_BYTES);
        options.setAllowDuplicateKeys(true); // DeclarationSchema reports them with both lines
        options.setProcessComments(false);
        UnicodeReader reader = new UnicodeReader(new ByteArrayInputStream(content));
        return new Composer(new ParserImpl(new StreamReader(reader), options), new Resolver(), options);
    }

    private static int lineOf(MarkedYAMLException e) {
        return e.getProblemMark() != null ? e.getProblemMark().getLine() + 1
                : e.getContextMark() != null ? e.getContextMark().getLine() + 1 : 0;
    }
}
