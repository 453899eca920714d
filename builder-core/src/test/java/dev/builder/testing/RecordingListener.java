package dev.builder.testing;

import dev.builder.core.BuildListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what the core reported, with its level, for tests to check. */
public final class RecordingListener implements BuildListener {
  public final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public void info(String message) {
    lines.add("INFO " + message);
  }

  @Override
  public void warn(String message) {
    lines.add("WARN " + message);
  }

  @Override
  public void debug(String message) {
    lines.add("DEBUG " + message);
  }

  public List<String> warnings() {
    return lines.stream().filter(l -> l.startsWith("WARN ")).map(l -> l.substring(5)).toList();
  }
}
