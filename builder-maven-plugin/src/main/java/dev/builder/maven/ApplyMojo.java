package dev.builder.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Resolves the Kubernetes YAML as {@code resolve} does, then pipes it to {@code kubectl apply -f -} with the
 * current kubeconfig context. Run it for the whole reactor: {@code mvn package builder:apply}.
 */
@Mojo(name = "apply", requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME, threadSafe = true,
    configurator = SecretMaskingConfigurator.HINT)
public class ApplyMojo extends AbstractKubernetesMojo {

  @Override
  protected String kubectlVerb() {
    return "apply";
  }
}
