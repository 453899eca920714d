package dev.builder.sbom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads an SPDX licence expression of listed licences (SPDX 2.3, annex D): ids and exceptions in any case, AND, OR
 * and WITH in any case, {@code +}, parentheses, with WITH binding tighter than AND and AND tighter than OR. It accepts
 * what the SPDX library's parser accepts for such expressions ({@code LicenseExpressionsTest} holds the two side by
 * side), without starting the library.
 */
final class LicenseExpressions {
  private final SpdxLicenseList list;
  private List<String> tokens;
  private int next;
  private List<String> out;

  private LicenseExpressions(SpdxLicenseList list) {
    this.list = list;
  }

  /**
   * {@code expression} written the canonical way (ids in the list's case, operators in capitals, one space between
   * terms, parentheses as declared), or empty when it is not a valid expression of listed licences.
   */
  static Optional<String> canonical(String expression, SpdxLicenseList list) {
    return new LicenseExpressions(list).read(expression);
  }

  private Optional<String> read(String expression) {
    tokens = tokenize(expression);
    if (tokens == null || tokens.isEmpty()) {
      return Optional.empty();
    }
    next = 0;
    out = new ArrayList<>();
    if (!or() || next != tokens.size()) {
      return Optional.empty();
    }
    StringBuilder text = new StringBuilder();
    for (String token : out) {
      boolean tight = text.isEmpty() || token.equals(")") || text.charAt(text.length() - 1) == '(';
      text.append(tight ? "" : " ").append(token);
    }
    return Optional.of(text.toString());
  }

  /** Words and parentheses; null when a parenthesis sits inside a word, which the library refuses too. */
  private static List<String> tokenize(String expression) {
    List<String> tokens = new ArrayList<>();
    for (String chunk : expression.trim().split("\\s+")) {
      int start = 0;
      int end = chunk.length();
      while (start < end && chunk.charAt(start) == '(') {
        tokens.add("(");
        start++;
      }
      int closing = 0;
      while (end > start && chunk.charAt(end - 1) == ')') {
        closing++;
        end--;
      }
      String word = chunk.substring(start, end);
      if (word.indexOf('(') >= 0 || word.indexOf(')') >= 0) {
        return null;
      }
      if (!word.isEmpty()) {
        tokens.add(word);
      }
      for (int i = 0; i < closing; i++) {
        tokens.add(")");
      }
    }
    return tokens;
  }

  private boolean or() {
    if (!and()) {
      return false;
    }
    while (operator("OR")) {
      if (!and()) {
        return false;
      }
    }
    return true;
  }

  private boolean and() {
    if (!with()) {
      return false;
    }
    while (operator("AND")) {
      if (!with()) {
        return false;
      }
    }
    return true;
  }

  private boolean with() {
    if (!term()) {
      return false;
    }
    if (operator("WITH")) {
      Optional<String> exception = next < tokens.size() ? list.exception(tokens.get(next)) : Optional.empty();
      if (exception.isEmpty()) {
        return false;
      }
      out.add(exception.get());
      next++;
    }
    return true;
  }

  private boolean term() {
    if (next >= tokens.size()) {
      return false;
    }
    String token = tokens.get(next);
    if (token.equals("(")) {
      out.add("(");
      next++;
      if (!or() || next >= tokens.size() || !tokens.get(next).equals(")")) {
        return false;
      }
      out.add(")");
      next++;
      return true;
    }
    Optional<String> id = license(token);
    if (id.isEmpty()) {
      return false;
    }
    out.add(id.get());
    next++;
    return true;
  }

  /** A listed licence, or one followed by {@code +} (or later). */
  private Optional<String> license(String token) {
    Optional<String> id = list.license(token);
    if (id.isEmpty() && token.length() > 1 && token.endsWith("+")) {
      id = list.license(token.substring(0, token.length() - 1)).map(base -> base + "+");
    }
    return id;
  }

  private boolean operator(String name) {
    if (next < tokens.size() && tokens.get(next).toUpperCase(Locale.ROOT).equals(name)) {
      out.add(name);
      next++;
      return true;
    }
    return false;
  }
}
