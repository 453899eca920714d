package dev.builder.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class one {@link RegistryServer} for all its tests: {@code @ExtendWith(RegistryExtension.class)}
 * and a {@code RegistryServer} parameter on a test, lifecycle method or constructor. One registry per class keeps
 * tests fast (start-up costs about a second) while classes stay independent of each other.
 */
public final class RegistryExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  // The server lives in JUnit's per-class store rather than a field: JUnit may share one extension
  // instance between classes, and the store is also what parameter resolution for each test reads.
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RegistryExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    context.getStore(NAMESPACE).put(context.getRequiredTestClass(), RegistryServer.start());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    RegistryServer server = context.getStore(NAMESPACE).remove(context.getRequiredTestClass(), RegistryServer.class);
    if (server != null) {
      server.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == RegistryServer.class;
  }

  @Override
  public RegistryServer resolveParameter(ParameterContext parameter, ExtensionContext context) {
    // A method-level context finds the class-level value through the store's parent chain.
    return context.getStore(NAMESPACE).get(context.getRequiredTestClass(), RegistryServer.class);
  }
}
