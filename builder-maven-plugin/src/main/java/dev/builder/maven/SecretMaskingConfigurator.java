package dev.builder.maven;

import org.codehaus.plexus.classworlds.realm.ClassRealm;
import org.codehaus.plexus.component.configurator.BasicComponentConfigurator;
import org.codehaus.plexus.component.configurator.ComponentConfigurationException;
import org.codehaus.plexus.component.configurator.ConfigurationListener;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluator;
import org.codehaus.plexus.configuration.PlexusConfiguration;

/**
 * Configures builder's goals exactly as Maven's basic configurator does, except that the value of every
 * {@code <password>} in {@code <auth>} reaches Maven's {@code -X} log as {@code ******}: Maven logs each parameter
 * it sets, {@code (f) password = ...}, after it has resolved {@code ${env.VARIABLE}}. Registered in
 * {@code META-INF/plexus/components.xml} and named by each goal's {@code configurator}.
 */
public class SecretMaskingConfigurator extends BasicComponentConfigurator {
  static final String HINT = "builder-secret-masking";

  @Override
  public void configureComponent(
      Object component,
      PlexusConfiguration configuration,
      ExpressionEvaluator evaluator,
      ClassRealm realm,
      ConfigurationListener listener)
      throws ComponentConfigurationException {
    super.configureComponent(component, configuration, evaluator, realm, listener == null ? null : new Masking(listener));
  }

  /** Passes every notification on, with the value of a password replaced. */
  static final class Masking implements ConfigurationListener {
    private final ConfigurationListener delegate;

    Masking(ConfigurationListener delegate) {
      this.delegate = delegate;
    }

    @Override
    public void notifyFieldChangeUsingSetter(String fieldName, Object value, Object target) {
      delegate.notifyFieldChangeUsingSetter(fieldName, mask(fieldName, value, target), target);
    }

    @Override
    public void notifyFieldChangeUsingReflection(String fieldName, Object value, Object target) {
      delegate.notifyFieldChangeUsingReflection(fieldName, mask(fieldName, value, target), target);
    }

    static Object mask(String fieldName, Object value, Object target) {
      return target instanceof RegistryAuth && "password".equals(fieldName) && value != null ? "******" : value;
    }
  }
}
