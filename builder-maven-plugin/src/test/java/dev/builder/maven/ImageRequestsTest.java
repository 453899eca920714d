package dev.builder.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import dev.builder.core.image.Platform;
import dev.builder.core.registry.ImageName;
import dev.builder.sbom.SbomFormat;
import dev.builder.core.policy.ImagePolicy;
import dev.builder.core.signing.PublicKeys;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginManagement;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;

/** The plugin's parameters checked as a user sets them, without a Maven build per bad value. */
class ImageRequestsTest {
  private PushMojo mojo;

  @BeforeEach
  void project() {
    Model model = new Model();
    model.setGroupId("com.acme");
    model.setArtifactId("orders");
    model.setVersion("1.4.0");
    model.setPackaging("jar");
    mojo = new PushMojo();
    mojo.project = new MavenProject(model);
  }

  private ImageRequests requests(Map<String, String> environment) {
    return new ImageRequests(mojo, environment);
  }

  private ImageRequests requests() {
    return requests(Map.of());
  }

  @Test
  void theRepositoryNamesTheImageAfterTheArtifactAndTheVersionAndLatestTagIt() {
    mojo.repository = "registry.acme.example/apps";
    ImageName target = requests().pushTarget();
    assertThat(target.repositoryName()).isEqualTo("registry.acme.example/apps/orders");
    assertThat(requests().tags(target)).containsExactly("1.4.0", "latest");
  }

  @Test
  void builderRepoFromTheEnvironmentServesWhenNoRepositoryIsSet() {
    assertThat(requests(Map.of("BUILDER_REPO", "localhost:5000/team")).pushTarget().repositoryName())
        .isEqualTo("localhost:5000/team/orders");
  }

  @Test
  void aPushWithNowhereToGoSaysWhereToSetIt() {
    assertThatThrownBy(() -> requests().pushTarget()).isInstanceOf(BuilderException.class)
        .hasMessageContaining("no repository to push orders to")
        .hasMessageContaining("-Dbuilder.repository=REGISTRY/PATH");
  }

  @Test
  void theLocalDaemonIsNoRegistryToPushTo() {
    mojo.repository = "builder.local";
    assertThat(requests().toDaemon()).isTrue();
    assertThatThrownBy(() -> requests().pushTarget()).hasMessageContaining("builder.local is the local daemon");
    assertThat(requests().localName()).isEqualTo("orders");
  }

  @Test
  void aVersionThatIsNoTagIsRefusedWithATagThatWorks() {
    mojo.project.setVersion("1.0+build.5");
    mojo.repository = "localhost:5000/apps";
    assertThatThrownBy(() -> requests().tags(requests().pushTarget()))
        .hasMessageContaining("the project version '1.0+build.5' is not a valid image tag")
        .hasMessageContaining("-Dbuilder.tags=1.0_build.5,latest");
  }

  @Test
  void givenTagsAreCheckedAndKeptOnceInOrder() {
    mojo.repository = "localhost:5000/apps";
    mojo.tags = List.of(" 2.0 ", "stable", "2.0", "");
    assertThat(requests().tags(requests().pushTarget())).containsExactly("2.0", "stable");
    mojo.tags = List.of("no:colons");
    assertThatThrownBy(() -> requests().tags(requests().pushTarget())).isInstanceOf(RuntimeException.class)
        .hasMessageContaining("no:colons");
  }

  @Test
  void labelsFromTheCommandLineAreKeyValuePairsOverThePoms() {
    mojo.labels = Map.of("team", "pom", "tier", "web");
    mojo.labelList = "team=cli, owner = ops";
    assertThat(requests().labels()).containsEntry("team", "cli").containsEntry("tier", "web")
        .containsEntry("owner", "ops");
    mojo.labelList = "team";
    assertThatThrownBy(() -> requests().labels()).hasMessageContaining("'team' is not key=value");
  }

  @Test
  void platformAndPlatformsTogetherAreAMistake() {
    mojo.platforms = List.of("linux/amd64", "linux/arm64");
    assertThat(requests().platforms().toString()).contains("linux/arm64");
    mojo.platform = "linux/amd64";
    assertThatThrownBy(() -> requests().platforms()).hasMessageContaining("set only platforms");
  }

  @Test
  void everyPlatformBaseNamesAPlatformAndABaseOnce() {
    PlatformBase arm = new PlatformBase();
    arm.platform = "linux/arm64";
    arm.from = "registry.acme.example/java:21-arm64";
    mojo.platformBases = List.of(arm);
    assertThat(requests().platformBases()).containsEntry(Platform.parse("linux/arm64"),
        "registry.acme.example/java:21-arm64");
    mojo.platformBases = List.of(arm, arm);
    assertThatThrownBy(() -> requests().platformBases()).hasMessageContaining("names platform linux/arm64 twice");
    PlatformBase empty = new PlatformBase();
    empty.platform = "linux/arm64";
    mojo.platformBases = List.of(empty);
    assertThatThrownBy(() -> requests().platformBases()).hasMessageContaining("needs a <platform>");
  }

  @Test
  void anUnknownSbomFormatFailsBeforeAnything() {
    mojo.sbom = "cyclonedx";
    assertThat(requests().sbomFormat()).isEqualTo(SbomFormat.CYCLONEDX);
    mojo.sbom = "spdx-tag-value";
    assertThatThrownBy(() -> requests().sbomFormat()).hasMessageContaining("spdx-tag-value");
  }

  @Test
  void networkSettingsOutsideTheirRangeAreNamedAsTheUserSetsThem() {
    mojo.registryTimeout = 0;
    assertThatThrownBy(() -> requests().registries(dev.builder.core.BuildListener.SILENT))
        .hasMessage("builder.registryTimeout must be at least 1 (seconds), not 0");
    mojo.registryTimeout = 20;
    mojo.retries = -1;
    assertThatThrownBy(() -> requests().registries(dev.builder.core.BuildListener.SILENT))
        .hasMessage("builder.retries must be 0 or more, not -1");
  }

  @Test
  void theParentsSignedBaseRuleReadsItsKeysFromTheParentsFolderAndModulesCannotLoosenIt(@TempDir Path tmp)
      throws Exception {
    PublicKey company = newKey();
    PublicKey team = newKey();
    Path parentDir = Files.createDirectories(tmp.resolve("acme-parent"));
    Files.createDirectories(parentDir.resolve("keys"));
    Files.writeString(parentDir.resolve("keys/acme.pub"), PublicKeys.pem(company));
    Path moduleDir = Files.createDirectories(parentDir.resolve("orders"));
    Files.createDirectories(moduleDir.resolve("keys"));
    Files.writeString(moduleDir.resolve("keys/team.pub"), PublicKeys.pem(team));
    mojo.project.setParent(parent(parentDir, "<requireSignedBase>true</requireSignedBase>"
        + "<baseKeys><baseKey>keys/acme.pub</baseKey></baseKeys>"));
    mojo.project.setFile(moduleDir.resolve("pom.xml").toFile());

    mojo.checkJavaVersion = true; // its default, which the parent keeps
    // what the module inherits as written: the parent's path, from the parent's folder
    mojo.requireSignedBase = true;
    mojo.baseKeys = List.of("keys/acme.pub");
    ImagePolicy policy = requests().policy();
    assertThat(policy.requireSignedBase()).isTrue();
    assertThat(policy.baseKeys()).extracting(PublicKeys::fingerprint).containsExactly(PublicKeys.fingerprint(company));

    mojo.baseKeys = List.of("keys/acme.pub", "keys/team.pub");
    assertThatThrownBy(() -> requests().policy()).isInstanceOf(BuilderException.class)
        .hasMessageContaining("this module loosens baseKeys that its parent com.acme:acme-parent sets");

    mojo.requireSignedBase = false;
    mojo.baseKeys = List.of("keys/acme.pub");
    assertThatThrownBy(() -> requests().policy()).isInstanceOf(BuilderException.class)
        .hasMessageContaining("this module loosens requireSignedBase that its parent com.acme:acme-parent sets");
  }

  @Test
  void aBaseKeyThatCannotBeReadIsNamed(@TempDir Path tmp) {
    mojo.project.setFile(tmp.resolve("pom.xml").toFile());
    mojo.requireSignedBase = true;
    mojo.baseKeys = List.of("missing/cosign.pub");
    assertThatThrownBy(() -> requests().policy()).isInstanceOf(BuilderException.class)
        .hasMessageContaining("cannot read the public key " + tmp.resolve("missing/cosign.pub"));
  }

  private static MavenProject parent(Path folder, String configuration) throws Exception {
    Model model = new Model();
    model.setGroupId("com.acme");
    model.setArtifactId("acme-parent");
    model.setVersion("1.0.0");
    model.setPackaging("pom");
    Plugin plugin = new Plugin();
    plugin.setGroupId("dev.builder");
    plugin.setArtifactId("builder-maven-plugin");
    plugin.setConfiguration(Xpp3DomBuilder.build(new StringReader("<configuration>" + configuration
        + "</configuration>")));
    PluginManagement management = new PluginManagement();
    management.addPlugin(plugin);
    Build build = new Build();
    build.setPluginManagement(management);
    model.setBuild(build);
    MavenProject parent = new MavenProject(model);
    parent.setFile(folder.resolve("pom.xml").toFile());
    return parent;
  }

  private static PublicKey newKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair().getPublic();
  }

  @Test
  void aCoreMessageReachesTheUserInTheWordsOfThisPlugin() {
    BuilderException core = new BuilderException("no base image given; set "
        + dev.builder.core.Setting.FROM.mention());
    BuilderException worded = core.worded(MavenWording::words);
    assertThat(worded.getMessage()).isEqualTo("no base image given; set <from> (-Dbuilder.from)");
    assertThat(core.getMessage()).isEqualTo("no base image given; set the from setting");
  }

  @Test
  void aWholeImageNameReplacesRepositoryAndArtifactId() {
    mojo.repository = "localhost:5000/apps";
    mojo.image = "registry.acme.example/shop/orders-api";
    assertThat(requests().pushTarget().repositoryName()).isEqualTo("registry.acme.example/shop/orders-api");
    mojo.image = "registry.acme.example/shop/orders-api:1.0";
    assertThatThrownBy(() -> requests().pushTarget()).isInstanceOf(BuilderException.class);
  }
}
