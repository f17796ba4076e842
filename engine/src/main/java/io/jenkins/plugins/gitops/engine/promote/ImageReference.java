package io.jenkins.plugins.gitops.engine.promote;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A container image reference as Docker and Kubernetes read it: {@code [registry[:port]/]path[:tag][@digest]}.
 *
 * <p>{@link #name()} is the repository as written ({@code nginx}); {@link #repository()} is its normalized
 * form, with Docker Hub's defaults filled in ({@code docker.io/library/nginx}), which is what
 * {@link #hasSameRepository} compares. Tag and digest never take part in matching.
 *
 * <p>The first path component is the registry when it contains a {@code .} or a {@code :}, or is
 * {@code localhost}; otherwise the image is on Docker Hub ({@code docker.io}), and a single-component
 * path is in its {@code library/} namespace. {@code index.docker.io} means {@code docker.io}.
 *
 * @param registry the registry host, with its port if one was given ({@code docker.io} by default)
 * @param path the repository path inside the registry ({@code library/nginx}, {@code team/app})
 * @param name the repository as written, without tag or digest
 * @param tag the tag, or {@code null}
 * @param digest the digest ({@code sha256:...}), or {@code null}
 */
public record ImageReference(String registry, String path, String name, String tag, String digest) {

    /** Docker Hub's registry name after normalization. */
    public static final String DOCKER_HUB = "docker.io";

    private static final String FORMAT_HINT = "use registry/path[:tag]";
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern HOST = Pattern.compile(
            "(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])(?:\\.(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]))*"
                    + "(?::[0-9]{1,5})?");
    private static final Pattern DIGEST = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
    private static final Pattern SHA256_DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    public ImageReference {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
    }

    /**
     * Parses a reference as written in a manifest or given to {@code gitopsSetImage}.
     *
     * @throws PromotionException (INVALID_REQUEST) saying what is wrong, e.g.
     *     {@code image "x y": contains whitespace; use registry/path[:tag]}
     */
    public static ImageReference parse(String text) throws PromotionException {
        if (text == null || text.isEmpty()) {
            throw invalid(text == null ? "" : text, "is empty");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                throw invalid(text, "contains whitespace");
            }
            if (c < 0x21 || c > 0x7e) {
                throw invalid(text, "contains the character '" + c + "', which no image name may contain");
            }
        }
        String rest = text;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()
                    || digest.startsWith("sha256:") && !SHA256_DIGEST.matcher(digest).matches()) {
                throw invalid(text, "digest \"" + digest + "\" is not valid (expected sha256: and 64 lower-case hex digits)");
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw invalid(text, "tag \"" + tag + "\" is not valid (letters, digits, '_', '.' and '-', at most 128,"
                        + " not starting with '.' or '-')");
            }
        }
        if (rest.isEmpty()) {
            throw invalid(text, "has no repository name");
        }
        String name = rest;
        String registry = DOCKER_HUB;
        String path = rest;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                if (!HOST.matcher(first).matches()) {
                    throw invalid(text, "registry \"" + first + "\" is not a valid host[:port]");
                }
                registry = first.toLowerCase(Locale.ROOT);
                path = rest.substring(slash + 1);
            }
        }
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = DOCKER_HUB;
        }
        if (path.isEmpty()) {
            throw invalid(text, "has a registry but no repository path");
        }
        for (String component : path.split("/", -1)) {
            if (component.isEmpty()) {
                throw invalid(text, "has an empty path component");
            }
            if (!PATH_COMPONENT.matcher(component).matches()) {
                String why = component.equals(component.toLowerCase(Locale.ROOT))
                        ? "path component \"" + component + "\" may contain only lower-case letters, digits and"
                                + " single separators ('.', '_', '__', '-')"
                        : "path component \"" + component + "\" must be lower-case";
                throw invalid(text, why);
            }
        }
        if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        return new ImageReference(registry, path, name, tag, digest);
    }

    /**
     * Checks a tag on its own, as given to {@code gitopsSetImage}.
     *
     * @return the tag
     * @throws PromotionException (INVALID_REQUEST) when it is not a valid Docker tag
     */
    public static String checkTag(String tag) throws PromotionException {
        if (tag == null || !TAG.matcher(tag).matches()) {
            String shown = tag == null ? "" : tag;
            throw new PromotionException(PromotionException.Reason.INVALID_REQUEST, "tag \"" + shown + "\"",
                    "tag \"" + shown + "\": is not a valid image tag (letters, digits, '_', '.' and '-', at most 128,"
                            + " not starting with '.' or '-'); give a tag such as 1.4.2");
        }
        return tag;
    }

    /** Whether {@code text} is a valid tag. */
    public static boolean isValidTag(String tag) {
        return tag != null && TAG.matcher(tag).matches();
    }

    /** The normalized repository: registry and path, e.g. {@code docker.io/library/nginx}. */
    public String repository() {
        return registry + "/" + path;
    }

    /** Whether both name the same repository once normalized; tags and digests are ignored. */
    public boolean hasSameRepository(ImageReference other) {
        return repository().equals(other.repository());
    }

    /** Whether a tag or digest was given. */
    public boolean isPinned() {
        return tag != null || digest != null;
    }

    /** This repository, as written, with {@code newTag} and no digest: {@code name:newTag}. */
    public String withTag(String newTag) {
        return name + ":" + newTag;
    }

    /** The reference as written. */
    @Override
    public String toString() {
        return name + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    private static PromotionException invalid(String text, String what) {
        String subject = "image \"" + text + "\"";
        return new PromotionException(PromotionException.Reason.INVALID_REQUEST, subject,
                subject + ": " + what + "; " + FORMAT_HINT);
    }
}
