package dev.builder.core;

import java.util.function.Function;

/**
 * A problem the user can fix. The message names the thing that is wrong and says how to fix it; callers show it as
 * it is, without a stack trace. Settings in it are {@linkplain Setting#mention() mentions} that a front end renders in
 * its own words with {@link #message(Function)}; {@link #getMessage()} gives the plain words.
 */
public class BuilderException extends RuntimeException {
  private final String text;

  public BuilderException(String message) {
    super(message);
    this.text = message;
  }

  public BuilderException(String message, Throwable cause) {
    super(message, cause);
    this.text = message;
  }

  /** The message with settings in {@code wording}'s words, such as the Maven plugin's {@code <mainClass>}. */
  public String message(Function<Setting, String> wording) {
    return Setting.render(text, wording);
  }

  /**
   * This problem with its settings in {@code wording}'s words for good: what a front end throws on, so that whatever
   * prints the chain of causes prints one wording. The cause and the stack trace stay this one's.
   */
  public BuilderException worded(Function<Setting, String> wording) {
    BuilderException worded = new BuilderException(message(wording), getCause());
    worded.setStackTrace(getStackTrace());
    return worded;
  }

  /** The message as written, mentions and all: for a new message built on this one. */
  public String text() {
    return text;
  }

  /** The text of any exception's message, mentions kept when it is a {@code BuilderException}. */
  public static String textOf(Throwable e) {
    return e instanceof BuilderException builder ? builder.text() : e.getMessage();
  }

  @Override
  public String getMessage() {
    return Setting.render(text, Setting::plainWords);
  }
}
