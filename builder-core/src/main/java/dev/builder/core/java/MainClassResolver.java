package dev.builder.core.java;

import dev.builder.core.Setting;
import dev.builder.core.BuilderException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Finds the class to start: the configured one, else the jar manifest's (Spring Boot's {@code Start-Class} over its
 * launcher), else the one class in the compiled classes with a {@code public static void main(String[])}.
 */
public final class MainClassResolver {
  private static final String SPRING_BOOT_LAUNCHERS = "org.springframework.boot.loader.";

  private MainClassResolver() {}

  /**
   * The main class, or empty when the application has none (a library). Several candidates are an error, and so is
   * a configured class that is nowhere on the classpath: the image would build and then fail when it starts.
   */
  public static Optional<String> resolve(String configured, JavaApplication app) {
    if (configured != null && !configured.isBlank()) {
      String name = configured.trim();
      if (!onClasspath(name, app)) {
        throw new BuilderException("the main class " + name + " is neither in " + app.classesDirectory()
            + " nor in any jar of the runtime classpath. Check " + Setting.MAIN_CLASS.mention() + " (a nested class is"
            + " written Outer$Inner), or that the module compiled.");
      }
      return Optional.of(name);
    }
    Optional<String> fromJar = fromJarManifest(app.jar());
    if (fromJar.isPresent()) {
      return fromJar;
    }
    List<String> candidates = scan(app.classesDirectory());
    if (candidates.size() > 1) {
      throw new BuilderException(
          "found several classes with a main method: " + String.join(", ", candidates)
              + ". Choose one with " + Setting.MAIN_CLASS.mention() + ".");
    }
    return candidates.stream().findFirst();
  }

  /** Whether {@code className}'s class file is in the compiled classes, the packaged jar or a dependency jar. */
  static boolean onClasspath(String className, JavaApplication app) {
    String file = className.replace('.', '/') + ".class";
    if (app.classesDirectory() != null && Files.isRegularFile(app.classesDirectory().resolve(file))) {
      return true;
    }
    List<Path> jars = new ArrayList<>();
    if (app.jar() != null) {
      jars.add(app.jar());
    }
    app.dependencies().forEach(d -> jars.add(d.file()));
    for (Path jar : jars) {
      if (jar != null && Files.isRegularFile(jar) && jarHas(jar, file)) {
        return true;
      }
    }
    return false;
  }

  private static boolean jarHas(Path jar, String entry) {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.getEntry(entry) != null;
    } catch (IOException e) {
      return false; // not a jar (a folder of classes is checked above); it cannot hold the class either
    }
  }

  static Optional<String> fromJarManifest(Path jar) {
    if (jar == null || !Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
      return Optional.empty();
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      if (manifest == null) {
        return Optional.empty();
      }
      String start = manifest.getMainAttributes().getValue("Start-Class");
      String main = manifest.getMainAttributes().getValue("Main-Class");
      if (start != null && !start.isBlank()) {
        return Optional.of(start.trim());
      }
      if (main != null && !main.isBlank() && !main.startsWith(SPRING_BOOT_LAUNCHERS)) {
        return Optional.of(main.trim());
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the manifest of " + jar, e);
    }
  }

  /** Classes under {@code classes} that declare {@code public static void main(String[])}, sorted. */
  public static List<String> scan(Path classes) {
    List<String> found = new ArrayList<>();
    if (classes == null || !Files.isDirectory(classes)) {
      return found;
    }
    try (Stream<Path> walk = Files.walk(classes)) {
      for (Path file : walk.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          MainFinder finder = new MainFinder();
          new ClassReader(in).accept(finder, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
          if (finder.hasMain) {
            found.add(finder.className.replace('/', '.'));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the classes in " + classes, e);
    }
    return found;
  }

  private static final class MainFinder extends ClassVisitor {
    private String className;
    private boolean hasMain;

    MainFinder() {
      super(Opcodes.ASM9);
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
      className = name;
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
      int required = Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC;
      if ("main".equals(name) && "([Ljava/lang/String;)V".equals(descriptor) && (access & required) == required) {
        hasMain = true;
      }
      return null;
    }
  }
}
