package io.jenkins.plugins.gitops.engine.declare;

import java.util.regex.Pattern;

/**
 * Environment names: what a name template may expand to, turned into a name Jenkins accepts for an item and a
 * file system accepts for a folder.
 *
 * <p>A generated name keeps letters, digits, {@code -}, {@code _} and {@code .}; every other run of characters
 * becomes one {@code -} ({@code clusters/prod/apps/web} becomes {@code clusters-prod-apps-web}), and dashes and
 * dots at either end are dropped. A name written in a declaration file is taken as written and must already be
 * valid ({@link #VALID}), so that what a file says is what Jenkins shows.
 */
public final class EnvironmentNames {

    /** A valid name: starts with a letter or digit, then letters, digits, '-', '_' or '.'. */
    public static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,"
            + (DeclarationLimits.MAX_NAME_LENGTH - 1) + "}");

    private static final Pattern OTHER = Pattern.compile("[^A-Za-z0-9._-]+");
    private static final Pattern DASHES = Pattern.compile("-{2,}");

    private EnvironmentNames() {
    }

    /**
     * @return a valid name made of {@code expanded}
     * @throws DeclarationException when nothing usable is left (the template expanded to punctuation only)
     */
    public static String sanitize(String expanded) throws DeclarationException {
        String name = DASHES.matcher(OTHER.matcher(expanded).replaceAll("-")).replaceAll("-");
        name = name.replaceAll("^[-._]+", "").replaceAll("[-.]+$", "");
        if (name.length() > DeclarationLimits.MAX_NAME_LENGTH) {
            name = name.substring(0, DeclarationLimits.MAX_NAME_LENGTH).replaceAll("[-.]+$", "");
        }
        if (name.isEmpty()) {
            throw new DeclarationException("the name template gave \"" + expanded + "\", which has no letter or digit"
                    + " to name an environment; use placeholders that name it, such as {path.basename}");
        }
        return name;
    }

    public static boolean isValid(String name) {
        return VALID.matcher(name).matches();
    }
}
