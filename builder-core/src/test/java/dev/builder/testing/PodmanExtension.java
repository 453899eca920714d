package dev.builder.testing;

/**
 * Gives a test class one {@link PodmanService} for all its tests: {@code @ExtendWith(PodmanExtension.class)} and a
 * {@code PodmanService} parameter on a test, lifecycle method or constructor.
 */
public final class PodmanExtension extends PerClassService<PodmanService> {
  public PodmanExtension() {
    super(PodmanService.class, PodmanService::start);
  }
}
