package dev.builder.core.assembly;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code org.opencontainers.image.source} of a project's SCM URL: a plain URL that anyone who pulls the image
 * may read. The SCM URL is often a CI clone URL that carries a token ({@code https://ci-bot:TOKEN@host/...}), and
 * every pushed manifest would publish it, so user info, query and fragment are dropped; Maven's {@code scm:git:}
 * prefix is removed; ssh forms ({@code git@host:org/repo.git}, {@code ssh://git@host/org/repo.git}) become the
 * https URL that the hosts serve for them; what cannot be made into such a URL (a local {@code file:} path, a CVS
 * connection string) gives no annotation rather than a wrong or leaky one.
 */
public final class SourceUrl {
  /** Maven SCM's {@code scm:PROVIDER:} or {@code scm:PROVIDER|} prefix. */
  private static final Pattern SCM_PREFIX = Pattern.compile("(?i)scm:[a-z0-9]+[:|]");
  /** git's scp-like syntax {@code [user@]host:path}, which has no scheme. */
  private static final Pattern SCP_LIKE = Pattern.compile("(?:[^@/:]+@)?([A-Za-z0-9.-]+):(?!//)/?([^:]+)");

  private SourceUrl() {}

  public static Optional<String> of(String scmUrl) {
    if (scmUrl == null || scmUrl.isBlank()) {
      return Optional.empty();
    }
    String url = scmUrl.trim();
    Matcher prefix = SCM_PREFIX.matcher(url);
    if (prefix.lookingAt()) {
      url = url.substring(prefix.end());
    } else if (url.regionMatches(true, 0, "scm:", 0, 4)) {
      return Optional.empty();
    }
    Matcher scp = SCP_LIKE.matcher(url);
    if (!url.contains("://") && scp.matches()) {
      return https(scp.group(1), "/" + scp.group(2));
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || scheme.isEmpty() || scheme.equals("file")) {
      return Optional.empty();
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (scheme.equals("ssh") || scheme.equals("git+ssh")) {
      return https(uri.getHost(), path);
    }
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    return Optional.of(scheme + "://" + uri.getHost() + port + path);
  }

  /** The https URL of a repository reached over ssh: the same host and path, without {@code .git}. */
  private static Optional<String> https(String host, String path) {
    String trimmed = path.endsWith(".git") ? path.substring(0, path.length() - 4) : path;
    return Optional.of("https://" + host + trimmed);
  }
}
