package dev.builder.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The two steps of the README's demo that need the test fixtures: {@code base DIR} makes the offline Java base image
 * layout and prints its path ({@code base-nojava DIR}: the base without Java, for a linked runtime);
 * {@code run REFERENCE PORT WORKDIR} runs a pushed image and prints what GET /world answers.
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("base")) {
      System.out.println(BaseImageFixture.javaBaseLayout(Path.of(args[1])));
    } else if (args.length == 2 && args[0].equals("base-nojava")) {
      System.out.println(BaseImageFixture.baseWithoutJavaLayout(Path.of(args[1])));
    } else if (args.length == 4 && args[0].equals("run")) {
      String port = args[2];
      try (ContainerRun app = ImageRun.start(args[1], Path.of(args[3]), Map.of("PORT", port))) {
        System.out.println(HttpProbe.get("http://127.0.0.1:" + port + "/world", Duration.ofSeconds(60), app));
      }
    } else {
      System.err.println("usage: Demo base DIR | Demo base-nojava DIR | Demo run REFERENCE PORT WORKDIR");
      System.exit(2);
    }
  }
}
