package dev.builder.core;

/**
 * A problem the user can fix. The message names the thing that is wrong and says how to fix it; callers show it as
 * it is, without a stack trace.
 */
public class BuilderException extends RuntimeException {

  public BuilderException(String message) {
    super(message);
  }

  public BuilderException(String message, Throwable cause) {
    super(message, cause);
  }
}
