package dev.builder.core.policy;

import dev.builder.core.registry.ImageName;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Matches base image references against glob patterns such as {@code registry.acme.example/base/*}. A pattern
 * without a tag or digest matches the repository with any tag or digest; Docker Hub names match in their short and
 * their normalised spelling ({@code eclipse-temurin} is also {@code docker.io/library/eclipse-temurin}).
 */
final class BaseImagePattern {
  private BaseImagePattern() {}

  static boolean matches(String pattern, String base) {
    Pattern regex = toRegex(pattern.trim());
    for (String candidate : spellings(base.trim())) {
      if (regex.matcher(candidate).matches()) {
        return true;
      }
    }
    return false;
  }

  /** The ways a reference may be written: as given, without tag/digest, and normalised. */
  private static List<String> spellings(String base) {
    List<String> names = new ArrayList<>(List.of(base));
    if (base.contains("://")) {
      names.add(base.replaceFirst("[:@][^/]*$", ""));
      return names;
    }
    try {
      ImageName name = ImageName.parse(base);
      names.add(name.repositoryName());
      names.add(name.toString());
      if (name.registry().equals("registry-1.docker.io")) {
        names.add("docker.io/" + name.repository());
        names.add(name.toString().replaceFirst("^registry-1\\.docker\\.io/", "docker.io/"));
        if (name.repository().startsWith("library/")) {
          names.add(name.repository().substring("library/".length()));
        }
      }
    } catch (RuntimeException invalid) {
      // an invalid reference fails later with its own message; here it just matches nothing more
    }
    return names;
  }

  private static Pattern toRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    boolean qualified = glob.matches(".*(@|:[^/]*$).*") && !glob.endsWith("*");
    if (!qualified) {
      regex.append("([:@].*)?"); // a repository pattern admits any tag or digest
    }
    return Pattern.compile(regex.toString());
  }
}
