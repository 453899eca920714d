package dev.builder.sbom;

import dev.builder.core.image.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A written SBOM: its format and its exact bytes, which are what gets stored and attached. */
public record Sbom(SbomFormat format, byte[] bytes) {

  public Sbom {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * This SBOM as it reads for images that differ from the ones it describes only in their digests: each key of
   * {@code replacements} is replaced by its value wherever the document writes it (whole, as the hex of a purl or a
   * namespace, or as the name-based serial number derived from it). The writers derive nothing else from an image's
   * digest ({@link SpdxIds} keeps digests out of identifiers, so nothing is ordered by one), so the result is byte for
   * byte what they would write for the new digests; {@code SbomWithDigestsTest} holds every format to that. All
   * replacements are made in one pass, so one never replaces another's result.
   *
   * @throws IllegalStateException for a format that cannot be remade ({@link SbomFormat#remadeForNewDigests()})
   */
  public Sbom withDigests(Map<Digest, Digest> replacements) {
    if (!format.remadeForNewDigests()) {
      throw new IllegalStateException("an SBOM in " + format.id() + " cannot be remade for new digests");
    }
    Map<String, String> tokens = new LinkedHashMap<>();
    replacements.forEach((from, to) -> {
      tokens.put(from.hex(), to.hex());
      tokens.put(serial(from), serial(to));
    });
    if (tokens.isEmpty()) {
      return this;
    }
    Pattern any = Pattern.compile(tokens.keySet().stream().map(Pattern::quote).collect(Collectors.joining("|")));
    String text = new String(bytes, StandardCharsets.UTF_8);
    String replaced = any.matcher(text).replaceAll(m -> Matcher.quoteReplacement(tokens.get(m.group())));
    return new Sbom(format, replaced.getBytes(StandardCharsets.UTF_8));
  }

  private static String serial(Digest digest) {
    return UUID.nameUUIDFromBytes(digest.toString().getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** Writes the SBOM into {@code directory} under its format's file name, whole or not at all. */
  public Path writeTo(Path directory) {
    return write(directory, format.fileName());
  }

  /** Writes the SBOM into {@code directory} under {@link SbomFormat#fileName(String)}, whole or not at all. */
  public Path writeTo(Path directory, String qualifier) {
    return write(directory, format.fileName(qualifier));
  }

  private Path write(Path directory, String name) {
    Path file = directory.resolve(name);
    Path temp = directory.resolve(name + ".partial");
    try {
      Files.createDirectories(directory);
      Files.write(temp, bytes);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // nothing half-written is visible under the real name
      }
    }
  }
}
