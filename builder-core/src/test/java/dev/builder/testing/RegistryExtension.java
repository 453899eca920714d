package dev.builder.testing;

/**
 * Gives a test class one {@link RegistryServer} for all its tests: {@code @ExtendWith(RegistryExtension.class)}
 * and a {@code RegistryServer} parameter on a test, lifecycle method or constructor.
 */
public final class RegistryExtension extends PerClassService<RegistryServer> {
  public RegistryExtension() {
    super(RegistryServer.class, RegistryServer::start);
  }
}
