package dev.builder.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Reads the plugin.xml that maven-plugin-plugin generated before the tests ran. */
class PluginDescriptorTest {

  @Test
  void everyGoalIsConfiguredByTheConfiguratorThatMasksPasswords() throws Exception {
    String descriptor = Files.readString(Path.of("target/classes/META-INF/maven/plugin.xml"));
    Matcher mojo = Pattern.compile("<mojo>(.*?)</mojo>", Pattern.DOTALL).matcher(descriptor);
    int goals = 0;
    while (mojo.find()) {
      goals++;
      String body = mojo.group(1);
      String goal = body.replaceFirst("(?s).*?<goal>([^<]+)</goal>.*", "$1");
      assertThat(body).as("goal " + goal).contains("<configurator>" + SecretMaskingConfigurator.HINT + "</configurator>");
    }
    assertThat(goals).isGreaterThanOrEqualTo(3);
  }
}
