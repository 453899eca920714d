package dev.builder.maven;

import dev.builder.core.Setting;

/**
 * builder-core's settings in the words of this plugin's users: the POM element and, where there is one, the property
 * that sets it on the command line, such as {@code <mainClass> (-Dbuilder.mainClass)}.
 */
final class MavenWording {
  private MavenWording() {}

  static String words(Setting setting) {
    return switch (setting) {
      case CREDENTIALS -> "the plugin's <auth> or a <server> in ~/.m2/settings.xml whose <id> is the registry";
      case TRUST_STORE -> "the trust store that -Djavax.net.ssl.trustStore names in MAVEN_OPTS";
      case LABELS -> "<labels> (-Dbuilder.labels=KEY=VALUE)";
      case ANNOTATIONS, ENTRYPOINT, ALLOW_OVERRIDES -> "<" + setting.key() + ">";
      default -> "<" + setting.key() + "> (-Dbuilder." + setting.key() + ")";
    };
  }

  /** A message from builder-core with its settings in this plugin's words. */
  static String render(String message) {
    return Setting.render(message, MavenWording::words);
  }
}
