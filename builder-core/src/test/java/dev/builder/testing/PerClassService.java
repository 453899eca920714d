package dev.builder.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class one running service (a registry, a daemon) for all its tests, injected as a parameter of that
 * type into tests, lifecycle methods and constructors. One per class keeps tests fast (start-up costs a second or
 * two) while classes stay independent of each other.
 */
abstract class PerClassService<T extends AutoCloseable> implements BeforeAllCallback, AfterAllCallback,
    ParameterResolver {

  /** Starts the service. */
  @FunctionalInterface
  interface Starter<T> {
    T start() throws Exception;
  }

  private final Class<T> type;
  private final Starter<T> starter;

  PerClassService(Class<T> type, Starter<T> starter) {
    this.type = type;
    this.starter = starter;
  }

  // The service lives in JUnit's per-class store rather than a field: JUnit may share one extension
  // instance between classes, and the store is also what parameter resolution for each test reads.
  private ExtensionContext.Store store(ExtensionContext context) {
    return context.getStore(ExtensionContext.Namespace.create(getClass()));
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    store(context).put(context.getRequiredTestClass(), starter.start());
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    T service = store(context).remove(context.getRequiredTestClass(), type);
    if (service != null) {
      service.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == type;
  }

  @Override
  public T resolveParameter(ParameterContext parameter, ExtensionContext context) {
    // A method-level context finds the class-level value through the store's parent chain.
    return store(context).get(context.getRequiredTestClass(), type);
  }
}
