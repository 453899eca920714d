package dev.builder.core.policy;

import dev.builder.core.Setting;
import dev.builder.core.BuilderException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps a module from loosening the policy its parent declares. A module may tighten anything (fewer allowed bases,
 * more required keys); it may loosen a setting only when the parent lists that setting in {@code <allowOverrides>}.
 */
public final class PolicyInheritance {
  public static final Set<String> SETTINGS =
      Set.of("allowedBaseImages", "requireBaseDigest", "requiredLabels", "requiredAnnotations", "checkJavaVersion",
          "requireSignedBase", "baseKeys");

  private PolicyInheritance() {}

  /**
   * @param parent the policy as the parent POM declares it
   * @param effective the policy the module ends up with
   * @param allowed the settings the parent lets modules loosen
   * @param parentName the parent POM, for the message
   */
  public static void check(ImagePolicy parent, ImagePolicy effective, Set<String> allowed, String parentName) {
    List<String> loosened = new ArrayList<>();
    if (!parent.allowedBaseImages().isEmpty()
        && (effective.allowedBaseImages().isEmpty()
            || !parent.allowedBaseImages().containsAll(effective.allowedBaseImages()))) {
      loosened.add("allowedBaseImages");
    }
    if (parent.requireBaseDigest() && !effective.requireBaseDigest()) {
      loosened.add("requireBaseDigest");
    }
    if (!effective.requiredLabels().containsAll(parent.requiredLabels())) {
      loosened.add("requiredLabels");
    }
    if (!effective.requiredAnnotations().containsAll(parent.requiredAnnotations())) {
      loosened.add("requiredAnnotations");
    }
    if (parent.checkJavaVersion() && !effective.checkJavaVersion()) {
      loosened.add("checkJavaVersion");
    }
    if (parent.requireSignedBase() && !effective.requireSignedBase()) {
      loosened.add("requireSignedBase");
    }
    // a key the parent did not list would let a base signed by anyone holding it through; fewer keys only tighten
    if (parent.requireSignedBase() && !sameKeys(parent.baseKeys()).containsAll(sameKeys(effective.baseKeys()))) {
      loosened.add("baseKeys");
    }
    loosened.removeAll(allowed);
    if (!loosened.isEmpty()) {
      throw new BuilderException("this module loosens " + String.join(", ", loosened) + " that its parent "
          + parentName + " sets. Keep the parent's values (a module may only tighten them), or have the parent list"
          + " the setting in " + Setting.ALLOW_OVERRIDES.mention() + ".");
    }
  }

  /** Keys as comparable values: their encoded SubjectPublicKeyInfo, whatever the provider's key classes. */
  private static Set<String> sameKeys(List<PublicKey> keys) {
    return keys.stream().map(k -> HexFormat.of().formatHex(k.getEncoded())).collect(Collectors.toSet());
  }
}
