package dev.builder.core.k8s;

import dev.builder.core.BuilderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A label selector as {@code kubectl -l} reads it: requirements separated by commas, all of which must hold.
 * {@code key=value} (or {@code ==}), {@code key!=value}, {@code key in (a,b)}, {@code key notin (a,b)}, {@code key}
 * (the label is set) and {@code !key} (it is not). As in Kubernetes, {@code !=} and {@code notin} also match objects
 * without the label.
 */
public final class LabelSelector {
  /** Matches every object. */
  public static final LabelSelector EVERYTHING = new LabelSelector("", List.of());

  private static final String KEY = "(?:[A-Za-z0-9][A-Za-z0-9.-]*/)?[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?";
  private static final String VALUE = "(?:[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?)?";
  private static final Pattern EQUALITY = Pattern.compile("(" + KEY + ")\\s*(==|=|!=)\\s*(" + VALUE + ")");
  private static final Pattern SET = Pattern.compile("(" + KEY + ")\\s+(in|notin)\\s*\\((.*)\\)");
  private static final Pattern EXISTS = Pattern.compile("(!?)\\s*(" + KEY + ")");

  private enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST }

  private record Requirement(String key, Operator operator, Set<String> values) {
    boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      return switch (operator) {
        case EQUALS, IN -> value != null && values.contains(value);
        case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
        case EXISTS -> value != null;
        case DOES_NOT_EXIST -> value == null;
      };
    }
  }

  private final String text;
  private final List<Requirement> requirements;

  private LabelSelector(String text, List<Requirement> requirements) {
    this.text = text;
    this.requirements = requirements;
  }

  /** Parses a selector; a blank one matches everything. */
  public static LabelSelector parse(String selector) {
    if (selector == null || selector.isBlank()) {
      return EVERYTHING;
    }
    List<Requirement> requirements = new ArrayList<>();
    for (String term : terms(selector)) {
      requirements.add(requirement(selector, term.trim()));
    }
    return new LabelSelector(selector.trim(), List.copyOf(requirements));
  }

  /** True when every requirement holds for these labels. */
  public boolean matches(Map<String, String> labels) {
    return requirements.stream().allMatch(r -> r.matches(labels));
  }

  public boolean matchesEverything() {
    return requirements.isEmpty();
  }

  @Override
  public String toString() {
    return text;
  }

  /** The selector cut at the commas that are not inside a value list. */
  private static List<String> terms(String selector) {
    List<String> terms = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        terms.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    terms.add(selector.substring(start));
    return terms;
  }

  private static Requirement requirement(String selector, String term) {
    Matcher m = EQUALITY.matcher(term);
    if (m.matches()) {
      Operator op = m.group(2).equals("!=") ? Operator.NOT_EQUALS : Operator.EQUALS;
      return new Requirement(m.group(1), op, Set.of(m.group(3)));
    }
    m = SET.matcher(term);
    if (m.matches()) {
      List<String> values = new ArrayList<>();
      for (String v : m.group(3).split(",", -1)) {
        if (!v.trim().matches(VALUE)) {
          throw invalid(selector, term);
        }
        values.add(v.trim());
      }
      return new Requirement(m.group(1), m.group(2).equals("in") ? Operator.IN : Operator.NOT_IN, Set.copyOf(values));
    }
    m = EXISTS.matcher(term);
    if (m.matches()) {
      return new Requirement(m.group(2), m.group(1).isEmpty() ? Operator.EXISTS : Operator.DOES_NOT_EXIST, Set.of());
    }
    throw invalid(selector, term);
  }

  private static BuilderException invalid(String selector, String term) {
    return new BuilderException("label selector '" + selector + "': '" + term + "' is not a requirement; write"
        + " key=value, key!=value, key in (a,b), key notin (a,b), key or !key, separated by commas");
  }
}
