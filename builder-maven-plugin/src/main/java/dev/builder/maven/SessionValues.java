package dev.builder.maven;

import java.util.function.Supplier;
import org.apache.maven.execution.MavenSession;
import org.eclipse.aether.SessionData;

/**
 * Values shared by every module of one Maven session (and by the threads of {@code -T}), kept in the resolver
 * session's data rather than in static fields, which would outlive the build in mvnd or an IDE.
 */
final class SessionValues {
  private SessionValues() {}

  /**
   * The value under {@code key}, made by {@code make} the first time. {@link SessionData#computeIfAbsent} exists only
   * from resolver 1.9 (Maven 3.9); the compare-and-set {@code set(key, null, value)} exists in every Maven the plugin
   * supports, and at most one value made in a race is ever seen.
   */
  @SuppressWarnings("unchecked")
  static <T> T computeIfAbsent(MavenSession session, Object key, Supplier<T> make) {
    SessionData data = session.getRepositorySession().getData();
    Object value = data.get(key);
    if (value == null) {
      Object made = make.get();
      value = data.set(key, null, made) ? made : data.get(key);
    }
    return (T) value;
  }
}
