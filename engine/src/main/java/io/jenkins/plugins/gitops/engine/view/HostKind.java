package io.jenkins.plugins.gitops.engine.view;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The web interfaces {@link SourceLinks} knows how to link into, each with its own way of spelling a file at a
 * commit and a commit. A repository is {@code owner/repo} on GitHub and Bitbucket Cloud, and may sit deeper
 * (subgroups, an instance under a path prefix) on GitLab and Gitea; a path of the wrong shape gets no link rather
 * than a wrong one.
 */
public enum HostKind {

    /** github.com and GitHub Enterprise Server: {@code /o/r/blob/<sha>/<path>#L<line>}, {@code /o/r/commit/<sha>}. */
    GITHUB {
        @Override
        Optional<String> repositoryPage(RepositoryAddress address) {
            return address.segments().size() == 2 ? Optional.of(address.origin() + address.encodedPath(0, 2))
                    : Optional.empty();
        }

        @Override
        String file(String repository, String sha, String path, int line) {
            return repository + "/blob/" + sha + path + (line > 0 ? "#L" + line : "");
        }

        @Override
        String commit(String repository, String sha) {
            return repository + "/commit/" + sha;
        }
    },

    /**
     * gitlab.com and self-managed GitLab, subgroups and a relative URL root included:
     * {@code /g/sub/r/-/blob/<sha>/<path>#L<line>}, {@code /g/sub/r/-/commit/<sha>}.
     */
    GITLAB {
        @Override
        Optional<String> repositoryPage(RepositoryAddress address) {
            return nested(address);
        }

        @Override
        String file(String repository, String sha, String path, int line) {
            return repository + "/-/blob/" + sha + path + (line > 0 ? "#L" + line : "");
        }

        @Override
        String commit(String repository, String sha) {
            return repository + "/-/commit/" + sha;
        }
    },

    /** bitbucket.org: {@code /o/r/src/<sha>/<path>#lines-<line>}, {@code /o/r/commits/<sha>}. */
    BITBUCKET_CLOUD {
        @Override
        Optional<String> repositoryPage(RepositoryAddress address) {
            return GITHUB.repositoryPage(address);
        }

        @Override
        String file(String repository, String sha, String path, int line) {
            return repository + "/src/" + sha + path + (line > 0 ? "#lines-" + line : "");
        }

        @Override
        String commit(String repository, String sha) {
            return repository + "/commits/" + sha;
        }
    },

    /**
     * Bitbucket Data Center (formerly Server), self-hosted. It clones from {@code https://host[/context]/scm/prj/repo.git}
     * or {@code ssh://git@host:7999/prj/repo.git} ({@code ~user/repo} for a personal repository) and shows
     * {@code /projects/PRJ/repos/repo/browse/<path>?at=<sha>#<line>} and {@code /projects/PRJ/repos/repo/commits/<sha>}.
     */
    BITBUCKET_SERVER {
        @Override
        Optional<String> repositoryPage(RepositoryAddress address) {
            List<String> segments = address.segments();
            int size = segments.size();
            int context;
            if (size >= 3 && segments.get(size - 3).equals("scm")) {
                context = size - 3;
            } else if (size == 2) {
                context = 0;
            } else {
                return Optional.empty();
            }
            String project = segments.get(size - 2);
            String owner = project.startsWith("~") && project.length() > 1
                    ? "/users/" + UrlSegments.encode(project.substring(1))
                    : "/projects/" + UrlSegments.encode(project.toUpperCase(Locale.ROOT));
            return Optional.of(address.origin() + address.encodedPath(0, context) + owner + "/repos/"
                    + UrlSegments.encode(segments.get(size - 1)));
        }

        @Override
        String file(String repository, String sha, String path, int line) {
            return repository + "/browse" + path + "?at=" + sha + (line > 0 ? "#" + line : "");
        }

        @Override
        String commit(String repository, String sha) {
            return repository + "/commits/" + sha;
        }
    },

    /**
     * Gitea and Forgejo (codeberg.org among them), a path prefix included:
     * {@code /o/r/src/commit/<sha>/<path>#L<line>}, {@code /o/r/commit/<sha>}.
     */
    GITEA {
        @Override
        Optional<String> repositoryPage(RepositoryAddress address) {
            return nested(address);
        }

        @Override
        String file(String repository, String sha, String path, int line) {
            return repository + "/src/commit/" + sha + path + (line > 0 ? "#L" + line : "");
        }

        @Override
        String commit(String repository, String sha) {
            return repository + "/commit/" + sha;
        }
    };

    /**
     * The repository's page, {@code https://host/owner/repo}, with every segment encoded; empty when the path
     * does not have the shape this kind of host gives its repositories.
     */
    abstract Optional<String> repositoryPage(RepositoryAddress address);

    /**
     * @param path the file's encoded path, starting with {@code /}
     * @param line 1-based line, or 0 for none
     */
    abstract String file(String repository, String sha, String path, int line);

    abstract String commit(String repository, String sha);

    /** At least {@code owner/repo}, any prefix or subgroups before. */
    private static Optional<String> nested(RepositoryAddress address) {
        int size = address.segments().size();
        return size >= 2 ? Optional.of(address.origin() + address.encodedPath(0, size)) : Optional.empty();
    }
}
