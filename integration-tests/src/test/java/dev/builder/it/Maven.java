package dev.builder.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a real Maven build of a sample project, the way a user would type it, with the plugin under test staged in
 * {@code target/it-repo} by invoker:install and everything else taken from the user's own repository or Central.
 */
final class Maven {
  private final Path settings;
  private final Path home;
  private final Map<String, String> environment = new LinkedHashMap<>();
  private String servers = "";
  private String proxies = "";

  /** The Maven that runs this test suite (the wrapper's). */
  Maven(Path workDirectory) throws IOException {
    this(workDirectory, Path.of(System.getProperty("maven.home")));
  }

  /** Another Maven installation, such as one of those in {@code target/mavens}. */
  Maven(Path workDirectory, Path home) throws IOException {
    this.home = home;
    Files.createDirectories(workDirectory);
    settings = workDirectory.resolve("settings.xml");
    writeSettings();
  }

  /** Adds {@code <server>} entries (XML) to the settings.xml this Maven runs with. */
  Maven withServers(String serversXml) throws IOException {
    servers = "<servers>" + serversXml + "</servers>";
    writeSettings();
    return this;
  }

  /** Adds {@code <proxy>} entries (XML) to the settings.xml this Maven runs with. */
  Maven withProxies(String proxiesXml) throws IOException {
    proxies = "<proxies>" + proxiesXml + "</proxies>";
    writeSettings();
    return this;
  }

  /** Sets an environment variable for the builds, such as DOCKER_CONFIG, PATH or MAVEN_OPTS. */
  Maven withEnvironment(String name, String value) {
    environment.put(name, value);
    return this;
  }

  private void writeSettings() throws IOException {
    String userRepo = Path.of(System.getProperty("user.m2")).toUri().toString();
    String repository = "<repository><id>user-local</id><url>" + userRepo + "</url>"
        + "<releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots></repository>";
    Files.writeString(settings, "<settings><localRepository>" + System.getProperty("it.repo") + "</localRepository>"
        + proxies + servers
        + "<profiles><profile><id>user-local</id><repositories>" + repository + "</repositories>"
        + "<pluginRepositories>" + repository.replace("repository>", "pluginRepository>") + "</pluginRepositories>"
        + "</profile></profiles><activeProfiles><activeProfile>user-local</activeProfile></activeProfiles></settings>");
  }

  /** A finished build: its exit code and everything it printed. */
  record Result(int exitCode, String output) {
    Result succeeded() {
      assertThat(exitCode).as("mvn exit code; output:\n%s", output).isZero();
      return this;
    }

    Result failed() {
      assertThat(exitCode).as("mvn should fail; output:\n%s", output).isNotZero();
      return this;
    }

    /** The last line Maven printed before its own BUILD SUCCESS summary. */
    String lastPluginLine() {
      List<String> lines = output.lines().map(l -> l.replaceFirst("^\\[INFO\\] ", "")).toList();
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (lines.get(i).contains("BUILD SUCCESS")) {
          for (int j = i - 1; j >= 0; j--) {
            String line = lines.get(j).trim();
            if (!line.isEmpty() && !line.startsWith("---") && !line.startsWith("Reactor Summary")) {
              return line;
            }
          }
        }
      }
      return "";
    }
  }

  Result run(Path project, String... args) throws IOException, InterruptedException {
    return run(project, Map.of(), args);
  }

  /** Runs Maven with more environment variables, such as KUBECONFIG or DOCKER_HOST. */
  Result run(Path project, Map<String, String> environment, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin").resolve("mvn").toString());
    command.addAll(List.of("-B", "-e", "-s", settings.toString(), "-Dbuilder.cacheDirectory="
        + project.resolveSibling(project.getFileName() + "-cache")));
    command.addAll(List.of(args));
    Path log = Files.createTempFile(project.getParent(), project.getFileName().toString(), ".log");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(project.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().remove("BUILDER_REPO"); // the tests say where images go
    builder.environment().remove("DOCKER_HOST"); // and which daemon they go to
    builder.environment().putAll(this.environment);
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("mvn did not finish in 10 minutes: " + Files.readString(log));
    }
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /** A fresh copy of {@code src/it/NAME} in {@code target/it/DIR}, with the plugin version filled in. */
  static Path sample(String name, String directory) throws IOException {
    Path source = Path.of(System.getProperty("it.projects"), name);
    Path target = Path.of(System.getProperty("it.work"), directory);
    dev.builder.testing.FileTrees.deleteRecursively(target);
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path file : walk.toList()) {
        Path out = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(out);
        } else if (file.getFileName().toString().equals("pom.xml")) {
          Files.writeString(out, Files.readString(file).replace("@builder.version@", System.getProperty("builder.version")));
        } else {
          Files.copy(file, out);
        }
      }
    }
    return target;
  }
}
