package dev.builder.core;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A setting the user can change, as builder-core's messages name it. The core does not know how a front end spells
 * its settings (the Maven plugin writes {@code <mainClass>} or {@code -Dbuilder.mainClass}, a Gradle plugin or a
 * command line would not), so a message names the setting with {@link #mention()}, and each front end renders the
 * mention in its own words with {@link #render}; without a front end, it reads "the mainClass setting".
 */
public enum Setting {
  FROM("from"),
  MAIN_CLASS("mainClass"),
  PLATFORMS("platforms"),
  LABELS("labels"),
  ANNOTATIONS("annotations"),
  ENTRYPOINT("entrypoint"),
  ALLOWED_BASE_IMAGES("allowedBaseImages"),
  REQUIRE_BASE_DIGEST("requireBaseDigest"),
  REQUIRED_LABELS("requiredLabels"),
  REQUIRED_ANNOTATIONS("requiredAnnotations"),
  CHECK_JAVA_VERSION("checkJavaVersion"),
  REQUIRE_SIGNED_BASE("requireSignedBase"),
  BASE_KEYS("baseKeys"),
  ALLOW_OVERRIDES("allowOverrides"),
  CA_CERTIFICATES("caCertificates"),
  ALLOW_INSECURE_REGISTRIES("allowInsecureRegistries"),
  REGISTRY_TIMEOUT("registryTimeout"),
  RETRIES("retries"),
  RETRY_TIME("retryTime"),
  /** Where the user keeps registry credentials for builder (the Maven plugin: {@code <auth>} and settings.xml). */
  CREDENTIALS("credentials"),
  /** The JVM's trust store, which the user extends for a private CA (the Maven plugin: through MAVEN_OPTS). */
  TRUST_STORE("trustStore"),
  KUBECTL("kubectl"),
  JLINK_MODULES("jlinkModules"),
  JDK_IMAGE("jdkImage");

  private static final Pattern MENTION = Pattern.compile("\\{\\{([A-Za-z]+)}}");

  private final String key;

  Setting(String key) {
    this.key = key;
  }

  /** The setting's name as front ends usually spell it, such as {@code mainClass}. */
  public String key() {
    return key;
  }

  /** How a message names this setting: a mark that {@link #render} replaces with a front end's words. */
  public String mention() {
    return "{{" + key + "}}";
  }

  /** {@code message} with every mention replaced by {@code wording}'s name for it. */
  public static String render(String message, Function<Setting, String> wording) {
    if (message == null || !message.contains("{{")) {
      return message;
    }
    Matcher m = MENTION.matcher(message);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement = m.group();
      for (Setting setting : values()) {
        if (setting.key.equals(m.group(1))) {
          replacement = wording.apply(setting);
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Words for settings when no front end gives its own. */
  public static String plainWords(Setting setting) {
    return switch (setting) {
      case CREDENTIALS -> "builder's registry credentials";
      case TRUST_STORE -> "the JVM's trust store (javax.net.ssl.trustStore)";
      default -> "the " + setting.key + " setting";
    };
  }
}
