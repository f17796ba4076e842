package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One rewrite that brings a desired object closer to how the API server stores it, so that an object
 * just applied from Git compares equal to what the server returns.
 */
public interface NormalizationRule {

    /** A short name for logs and documentation, such as {@code drop-null-values}. */
    String name();

    /** Rewrites {@code object} in place; it is always the normaliser's own copy. */
    void apply(ObjectNode object);
}
