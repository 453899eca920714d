package dev.builder.core.k8s;

import dev.builder.core.BuilderException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * One YAML or JSON file of Kubernetes objects, kept as the text it was read from. The text is cut into documents at
 * its {@code ---} and {@code ...} lines (which YAML forbids inside any scalar, so the cut is exact); the parser only
 * checks the text, reads each document's labels and finds the scalars that are {@code builder://} references. Every
 * change ({@link #select}, {@link #resolve}) returns a new file whose text differs from this one only where it must.
 */
public final class ManifestFile {
  private static final Pattern DOCUMENT_MARKER = Pattern.compile("(---|\\.\\.\\.)([ \\t].*)?");

  /** A document: its text is {@code text.substring(start, end)}; {@code object} is false for comments alone. */
  record Document(int start, int end, boolean object, Map<String, String> labels) {}

  private final Path file;
  private final Path relativePath;
  private final String text;
  private final List<Document> documents;
  private final List<Reference> references;
  /** The file's line number of each line of {@code text}, which differ once a selector has cut documents out. */
  private final int[] fileLines;

  private ManifestFile(Path file, Path relativePath, String text, List<Document> documents,
      List<Reference> references, int[] fileLines) {
    this.file = file;
    this.relativePath = relativePath;
    this.text = text;
    this.documents = documents;
    this.references = references;
    this.fileLines = fileLines;
  }

  /**
   * Parses {@code text}, read from {@code file} ({@code relativePath} is its name under the folder it came from).
   * Invalid YAML and malformed references fail with the file and line.
   */
  public static ManifestFile parse(Path file, Path relativePath, String text) {
    int[] lineStarts = lineStarts(text);
    int[] fileLines = new int[lineStarts.length];
    Arrays.setAll(fileLines, i -> i + 1);
    return parse(file, relativePath, text, lineStarts, fileLines);
  }

  private static ManifestFile parse(Path file, Path relativePath, String text, int[] lineStarts, int[] fileLines) {
    List<Integer> cuts = documentCuts(text, lineStarts);
    List<Node> roots = new ArrayList<>();
    // the size of a file is bounded where it is read (Manifests.MAX_FILE_BYTES), not by the parser's 3 MiB default,
    // which refuses CRD bundles that kubectl applies; the limits on aliases, which stop "billion laughs", stay
    LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).setAllowDuplicateKeys(true)
        .setCodePointLimit(Integer.MAX_VALUE).build();
    try {
      new Compose(settings).composeAllFromString(text).forEach(roots::add);
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().or(e::getContextMark).map(m -> fileLine(fileLines, m.getLine())).orElse(1);
      throw new BuilderException(file + ":" + line + ": not valid YAML: " + e.getProblem());
    } catch (YamlEngineException e) {
      throw new BuilderException(file + ": not valid YAML: " + e.getMessage());
    }

    List<Reference> references = new ArrayList<>();
    Map<Integer, Node> rootByDocument = new LinkedHashMap<>();
    for (Node root : roots) {
      if (root instanceof ScalarNode scalar && scalar.getValue().isEmpty()) {
        continue; // an empty document: its mark may stand on the next one's marker
      }
      int start = offset(text, lineStarts, root.getStartMark().orElseThrow());
      int document = 0;
      while (document + 1 < cuts.size() - 1 && cuts.get(document + 1) <= start) {
        document++;
      }
      rootByDocument.putIfAbsent(document, root);
      findReferences(root, file, text, lineStarts, fileLines, references,
          Collections.newSetFromMap(new IdentityHashMap<>()));
    }
    List<Document> documents = new ArrayList<>();
    for (int i = 0; i + 1 < cuts.size(); i++) {
      Node root = rootByDocument.get(i);
      boolean object = root != null;
      documents.add(new Document(cuts.get(i), cuts.get(i + 1), object, object ? labels(root) : Map.of()));
    }
    return new ManifestFile(file, relativePath, text, List.copyOf(documents), List.copyOf(references), fileLines);
  }

  public Path file() {
    return file;
  }

  public Path relativePath() {
    return relativePath;
  }

  public String text() {
    return text;
  }

  /** The {@code builder://} references, in the order they appear. */
  public List<Reference> references() {
    return references;
  }

  /** How many documents hold an object (documents of comments alone are not counted). */
  public int objectCount() {
    return (int) documents.stream().filter(Document::object).count();
  }

  /**
   * The file with only the objects whose labels match (documents of comments alone are kept); the others are cut
   * out of the text whole, with their separator line, and nothing else changes.
   */
  public ManifestFile select(LabelSelector selector) {
    if (selector.matchesEverything()) {
      return this;
    }
    int[] lineStarts = lineStarts(text);
    StringBuilder kept = new StringBuilder();
    List<Integer> keptLines = new ArrayList<>();
    for (Document d : documents) {
      if (!d.object() || selector.matches(d.labels())) {
        kept.append(text, d.start(), d.end());
        // documents are cut at line starts, so a kept one brings whole lines, each with its line in the file
        for (int line = lineOf(lineStarts, d.start()); line < lineStarts.length && lineStarts[line] < d.end();
            line++) {
          keptLines.add(fileLines[line]);
        }
      }
    }
    String keptText = kept.toString();
    int[] keptFileLines = keptLines.stream().mapToInt(Integer::intValue).toArray();
    return parse(file, relativePath, keptText, lineStarts(keptText), keptFileLines);
  }

  /** The file with every reference replaced by {@code image.apply(reference)}; not a byte elsewhere changes. */
  public ManifestFile resolve(Function<Reference, String> image) {
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (Reference r : references) {
      out.append(text, at, r.offset()).append(image.apply(r));
      at = r.offset() + r.token().length();
    }
    out.append(text, at, text.length());
    // a reference stands on one line and an image name has no line break: every line stays where it was
    String resolved = out.toString();
    return parse(file, relativePath, resolved, lineStarts(resolved), fileLines);
  }

  /** Where each document starts: 0, then every marker line, then the end of the text. */
  private static List<Integer> documentCuts(String text, int[] lineStarts) {
    List<Integer> cuts = new ArrayList<>();
    cuts.add(0);
    for (int i = 0; i < lineStarts.length; i++) {
      int end = i + 1 < lineStarts.length ? lineStarts[i + 1] : text.length();
      String line = text.substring(lineStarts[i], end).replaceFirst("\r?\n$", "");
      if (DOCUMENT_MARKER.matcher(line).matches()) {
        // "---" opens the next document; "..." closes this one, so the cut comes after it
        int cut = line.startsWith("---") ? lineStarts[i] : end;
        if (cut > cuts.get(cuts.size() - 1)) {
          cuts.add(cut);
        }
      }
    }
    if (text.length() > cuts.get(cuts.size() - 1)) {
      cuts.add(text.length());
    }
    return cuts;
  }

  private static void findReferences(Node node, Path file, String text, int[] lineStarts, int[] fileLines,
      List<Reference> found, Set<Node> seen) {
    if (!seen.add(node)) {
      return; // an alias of a node already read
    }
    if (node instanceof ScalarNode scalar) {
      Optional<ModuleReference> module;
      Mark mark = scalar.getStartMark().orElseThrow();
      try {
        module = ModuleReference.parse(scalar.getValue());
      } catch (IllegalArgumentException e) {
        throw new BuilderException(file + ":" + fileLine(fileLines, mark.getLine()) + ": " + e.getMessage());
      }
      if (module.isPresent()) {
        int start = offset(text, lineStarts, mark);
        int end = offset(text, lineStarts, scalar.getEndMark().orElseThrow());
        int at = text.indexOf(scalar.getValue(), start);
        if (at < 0 || at + scalar.getValue().length() > end) {
          throw new BuilderException(file + ":" + fileLine(fileLines, mark.getLine()) + ": write " + scalar.getValue()
              + " on one line, plain or in quotes, without escapes, so that builder can replace it");
        }
        int line = lineOf(lineStarts, at);
        found.add(new Reference(module.get(), file, fileLine(fileLines, line), text.codePointCount(lineStarts[line], at)
            + 1, at));
      }
    } else if (node instanceof SequenceNode sequence) {
      sequence.getValue().forEach(n -> findReferences(n, file, text, lineStarts, fileLines, found, seen));
    } else if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        findReferences(tuple.getKeyNode(), file, text, lineStarts, fileLines, found, seen);
        findReferences(tuple.getValueNode(), file, text, lineStarts, fileLines, found, seen);
      }
    }
  }

  /** {@code metadata.labels} of a document, as strings. */
  private static Map<String, String> labels(Node root) {
    Map<String, String> labels = new LinkedHashMap<>();
    value(root, "metadata").flatMap(m -> value(m, "labels")).ifPresent(node -> {
      if (node instanceof MappingNode mapping) {
        for (NodeTuple tuple : mapping.getValue()) {
          if (tuple.getKeyNode() instanceof ScalarNode key && tuple.getValueNode() instanceof ScalarNode value) {
            labels.put(key.getValue(), value.getValue());
          }
        }
      }
    });
    return labels;
  }

  private static Optional<Node> value(Node node, String key) {
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          return Optional.of(tuple.getValueNode());
        }
      }
    }
    return Optional.empty();
  }

  private static int[] lineStarts(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n' && i + 1 < text.length()) {
        starts.add(i + 1);
      }
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The index in {@code text} of a parser mark, whose line and column count code points. */
  private static int offset(String text, int[] lineStarts, Mark mark) {
    if (mark.getLine() >= lineStarts.length) {
      return text.length();
    }
    int start = lineStarts[mark.getLine()];
    int lineEnd = mark.getLine() + 1 < lineStarts.length ? lineStarts[mark.getLine() + 1] : text.length();
    int columns = Math.min(mark.getColumn(), text.codePointCount(start, lineEnd));
    return text.offsetByCodePoints(start, columns);
  }

  /** The file's line number (from 1) of line {@code index} (from 0) of the text; a mark may stand past the end. */
  private static int fileLine(int[] fileLines, int index) {
    if (fileLines.length == 0) {
      return 1;
    }
    int last = fileLines.length - 1;
    return index <= last ? fileLines[index] : fileLines[last] + index - last;
  }

  private static int lineOf(int[] lineStarts, int offset) {
    int line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) {
      line++;
    }
    return line;
  }
}
