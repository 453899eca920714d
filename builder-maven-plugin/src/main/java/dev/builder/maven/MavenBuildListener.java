package dev.builder.maven;

import dev.builder.core.BuildListener;
import org.apache.maven.plugin.logging.Log;

/** Sends builder-core's reports to Maven's log. */
final class MavenBuildListener implements BuildListener {
  private final Log log;

  MavenBuildListener(Log log) {
    this.log = log;
  }

  @Override
  public void info(String message) {
    log.info(MavenWording.render(message));
  }

  @Override
  public void warn(String message) {
    log.warn(MavenWording.render(message));
  }

  @Override
  public void debug(String message) {
    log.debug(MavenWording.render(message));
  }
}
