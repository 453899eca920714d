package dev.builder.core.assembly;

import dev.builder.core.BuilderException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reads a time as Jib's {@code <creationTime>} and {@code <filesModificationTime>} take it: {@code EPOCH},
 * {@code EPOCH_PLUS_SECOND}, {@code USE_CURRENT_TIMESTAMP} (the image is then no longer reproducible), or an ISO 8601
 * time with an offset such as {@code 2019-07-15T10:15:30+09:00} or {@code 2011-12-03T22:42:05Z}.
 */
public final class ImageTimes {
  private ImageTimes() {}

  /**
   * The time {@code text} names, or {@code otherwise} (builder's own rule) when it is null or blank.
   *
   * @param setting the parameter's name, for the message
   */
  public static Instant parse(String text, String setting, Instant otherwise, Clock clock) {
    if (text == null || text.isBlank()) {
      return otherwise;
    }
    String value = text.trim();
    switch (value.toUpperCase(Locale.ROOT)) {
      case "EPOCH":
        return Instant.EPOCH;
      case "EPOCH_PLUS_SECOND":
        return Instant.ofEpochSecond(1);
      case "USE_CURRENT_TIMESTAMP":
        return clock.instant();
      default:
        break;
    }
    try {
      return ZonedDateTime.parse(value, DateTimeFormatter.ISO_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException again) {
        throw new BuilderException(setting + " is '" + text + "', which is no time: write EPOCH,"
            + " USE_CURRENT_TIMESTAMP or an ISO 8601 time with its offset, such as 2024-05-06T07:08:09Z");
      }
    }
  }
}
